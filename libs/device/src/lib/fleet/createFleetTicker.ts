import { DeviceError } from '../errors/DeviceError.js';

/** Options of {@link createFleetTicker}. */
export interface FleetTickerOptions {
  /** Period of the shared timer. Defaults to `1_000` ms. */
  intervalMs?: number;
  /**
   * Groups the tasks are spread over, each run at its own offset within the period (tasks are
   * assigned to the smallest group). Defaults to `1`: every task at once. A simulated fleet uses
   * more, because a real fleet's robots tick independently: with one group, 1,000 robots change
   * state, publish and block the event loop in the same instant once per period.
   */
  slots?: number;
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
 * A shared ticker: N simulated robots cost one `setInterval`, not N (with `slots` > 1, one timer
 * that fires `slots` times per period and runs one group each time). The timer runs only while at
 * least one task is registered, so an idle ticker does not keep the process alive. Tasks read
 * the time from their own injected clock; the ticker only says "now".
 *
 * @throws {DeviceError} `CONFIG` when `intervalMs` is not a positive finite number or `slots` not a
 *   positive integer.
 */
export function createFleetTicker(options: FleetTickerOptions = {}): FleetTicker {
  const intervalMs = options.intervalMs ?? 1_000;
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) {
    throw new DeviceError(
      'CONFIG',
      `Unexpected intervalMs ${String(intervalMs)}, expected a positive number of milliseconds`,
    );
  }
  const slots = options.slots ?? 1;
  if (!Number.isInteger(slots) || slots <= 0) {
    throw new DeviceError(
      'CONFIG',
      `Unexpected slots ${String(slots)}, expected a positive integer`,
    );
  }
  const groups = Array.from({ length: slots }, () => new Set<() => void>());
  const size = (): number => groups.reduce((count, group) => count + group.size, 0);
  let next = 0;
  let timer: ReturnType<typeof setInterval> | undefined;

  const run = (group: ReadonlySet<() => void>): void => {
    for (const task of [...group]) {
      try {
        task();
      } catch (error) {
        options.onError?.(error);
      }
    }
  };
  const step = (): void => {
    const group = groups[next] ?? new Set();
    next = (next + 1) % slots;
    run(group);
  };
  const tick = (): void => groups.forEach(run);
  const stopWhenEmpty = (): void => {
    if (size() === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };

  return {
    add(task) {
      // A wrapper per registration, so adding the same function twice gives two tasks.
      const entry = (): void => task();
      const group = groups.reduce((smallest, g) => (g.size < smallest.size ? g : smallest));
      group.add(entry);
      timer ??= setInterval(step, intervalMs / slots);
      return () => {
        group.delete(entry);
        stopWhenEmpty();
      };
    },
    tick,
    get size() {
      return size();
    },
    close() {
      groups.forEach((group) => group.clear());
      stopWhenEmpty();
    },
  };
}
