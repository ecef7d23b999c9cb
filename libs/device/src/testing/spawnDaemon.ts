import { spawn } from 'node:child_process';

/** One line of the daemon's log: `<time> <LEVEL> <event> <message> key=value ...`. */
export interface DaemonLogLine {
  readonly event: string;
  readonly text: string;
  /** The value of `name=` on the line, if any. */
  field(name: string): string | undefined;
}

/** A device-daemon process started by {@link spawnDaemon}. */
export interface SpawnedDaemon {
  /** Every non-empty line of stdout and stderr so far, in order. */
  readonly lines: DaemonLogLine[];
  /** All of stdout and stderr so far, as written. */
  output(): string;
  /**
   * Resolves with the first line (past or future) that matches.
   *
   * @throws Error naming `what` and the last 20 lines when none does within `timeoutMs` (defaults
   *   to `30_000` ms).
   */
  waitFor(
    match: (line: DaemonLogLine) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<DaemonLogLine>;
  /** Calls `listener` for every line as it is read (synchronously, before any other line). */
  onLine(listener: (line: DaemonLogLine) => void): void;
  kill(signal: NodeJS.Signals): void;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function parseLine(text: string): DaemonLogLine {
  const [, , event = ''] = text.split(/\s+/);
  return {
    event,
    text,
    field: (name) => new RegExp(`\\s${name}=(\\S+)`).exec(text)?.[1],
  };
}

/**
 * Runs the built executable as systemd does, `node <mainPath> ...args`, and reads what it writes
 * on stdout and stderr line by line.
 */
export function spawnDaemon(mainPath: string, args: readonly string[]): SpawnedDaemon {
  const child = spawn(process.execPath, [mainPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: DaemonLogLine[] = [];
  const listeners: ((line: DaemonLogLine) => void)[] = [];
  let output = '';
  let partial = '';
  const onData = (chunk: Buffer): void => {
    const written = chunk.toString('utf8');
    output += written;
    partial += written;
    const complete = partial.split('\n');
    partial = complete.pop() ?? '';
    for (const text of complete) {
      if (text.trim() === '') continue;
      const line = parseLine(text);
      lines.push(line);
      for (const listener of [...listeners]) listener(line);
    }
  };
  child.stderr.on('data', onData);
  child.stdout.on('data', onData);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    lines,
    exit,
    output: () => output,
    onLine: (listener) => listeners.push(listener),
    kill: (signal) => child.kill(signal),
    waitFor(match, what, timeoutMs = 30_000) {
      const found = lines.find(match);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          const tail = lines
            .slice(-20)
            .map((line) => line.text)
            .join('\n');
          reject(new Error(`No ${what} within ${timeoutMs} ms; last lines:\n${tail}`));
        }, timeoutMs);
        listeners.push((line) => {
          if (!match(line)) return;
          clearTimeout(timer);
          resolve(line);
        });
      });
    },
  };
}
