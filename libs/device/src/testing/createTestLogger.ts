import type { DeviceLogger, DeviceLogLevel } from '../lib/runtime/types.js';

/** One captured log line. */
export interface LogEntry {
  readonly level: DeviceLogLevel;
  readonly event: string;
  readonly message: string;
  readonly fields: Record<string, unknown> | undefined;
}

/** A logger that records lines, lets a test react synchronously, and waits for lines. */
export interface TestLogger extends DeviceLogger {
  readonly entries: LogEntry[];
  /** Calls `listener` synchronously for every line (a test may stop the device inside it). */
  onLine(listener: (entry: LogEntry) => void): () => void;
  /** Resolves with the first line (already logged after `since`, or future) that matches. */
  waitFor(
    match: (entry: LogEntry) => boolean,
    timeoutMs?: number,
    since?: number,
  ): Promise<LogEntry>;
  /** Number of lines so far (a `since` mark). */
  mark(): number;
}

/** Creates a {@link TestLogger}; `echo` also prints every line (debugging). */
export function createTestLogger(options: { echo?: boolean; prefix?: string } = {}): TestLogger {
  const entries: LogEntry[] = [];
  const listeners = new Set<(entry: LogEntry) => void>();
  return {
    entries,
    log(level, event, message, fields) {
      const entry = { level, event, message, fields };
      entries.push(entry);
      if (options.echo === true) {
        process.stdout.write(`${options.prefix ?? ''}${level} ${event} ${message}\n`);
      }
      for (const listener of [...listeners]) listener(entry);
    },
    onLine(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    mark: () => entries.length,
    waitFor(match, timeoutMs = 20_000, since = 0) {
      const found = entries.slice(since).find(match);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(listener);
          const tail = entries
            .slice(-15)
            .map((e) => `${e.level} ${e.event} ${e.message}`)
            .join('\n');
          reject(new Error(`No matching log line within ${timeoutMs} ms; last lines:\n${tail}`));
        }, timeoutMs);
        const listener = (entry: LogEntry): void => {
          if (!match(entry)) return;
          clearTimeout(timer);
          listeners.delete(listener);
          resolve(entry);
        };
        listeners.add(listener);
      });
    },
  };
}
