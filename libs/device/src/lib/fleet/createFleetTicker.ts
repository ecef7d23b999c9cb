import { DeviceError } from '../errors/DeviceError.js';

/** Options of {@link createFleetTicker}. */
export interface FleetTickerOptions {
  /** Period of the shared timer. Defaults to `1_000` ms. */
  intervalMs?: number;
  /** Called with the error when a task throws; the other tasks of the tick still run. */
  onError?: (error: unknown) => void;
}

/** One timer for many simulated robots (see {@link createFleetTicker}). */
export interface FleetTicker {
  /** Runs `task` on every tick from now on; returns the function that removes it. */
  add(task: () => void): () => void;
  /** Runs every task once, now (tests drive a fake clock with it). */
  tick(): void;
  /** Number of tasks. */
  readonly size: number;
  /** Removes every task and stops the timer. */
  close(): void;
}

/**
 * A shared ticker: N simulated robots cost one `setInterval`, not N. The timer runs only while at
 * least one task is registered, so an idle ticker does not keep the process alive. Tasks read
 * the time from their own injected clock; the ticker only says "now".
 *
 * @throws {DeviceError} `CONFIG` when `intervalMs` is not a positive finite number.
 */
export function createFleetTicker(options: FleetTickerOptions = {}): FleetTicker {
  const intervalMs = options.intervalMs ?? 1_000;
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) {
    throw new DeviceError(
      'CONFIG',
      `Unexpected intervalMs ${String(intervalMs)}, expected a positive number of milliseconds`,
    );
  }
  const tasks = new Set<() => void>();
  let timer: ReturnType<typeof setInterval> | undefined;

  const tick = (): void => {
    for (const task of [...tasks]) {
      try {
        task();
      } catch (error) {
        options.onError?.(error);
      }
    }
  };
  const stopWhenEmpty = (): void => {
    if (tasks.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };

  return {
    add(task) {
      // A wrapper per registration, so adding the same function twice gives two tasks.
      const entry = (): void => task();
      tasks.add(entry);
      timer ??= setInterval(tick, intervalMs);
      return () => {
        tasks.delete(entry);
        stopWhenEmpty();
      };
    },
    tick,
    get size() {
      return tasks.size;
    },
    close() {
      tasks.clear();
      stopWhenEmpty();
    },
  };
}
