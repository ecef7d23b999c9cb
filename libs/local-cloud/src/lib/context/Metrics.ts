/** Label values of one series. */
export type Labels = Record<string, string>;

/** A monotonically increasing Prometheus counter. */
export interface Counter {
  inc(labels?: Labels, by?: number): void;
}

/** A Prometheus gauge. */
export interface Gauge {
  set(value: number, labels?: Labels): void;
  inc(labels?: Labels, by?: number): void;
  dec(labels?: Labels, by?: number): void;
}

/** The local cloud's metrics, rendered at `GET /metrics` in the Prometheus text format 0.0.4. */
export interface Metrics {
  counter(name: string, help: string): Counter;
  gauge(name: string, help: string): Gauge;
  /** Prometheus text exposition of every series. */
  render(): string;
}
