/** Somewhere text goes: `process.stdout`, `process.stderr` or a test's buffer. */
export interface TextSink {
  write(text: string): unknown;
}

/**
 * What a command may touch of the world: its output streams, whether standard error is a terminal
 * (progress is drawn only then), the clock, the working directory and the environment. `main.ts`
 * binds them to the process; tests give buffers and a fixed clock.
 */
export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** Standard error is a TTY: draw progress bars. Defaults to `false`. */
  readonly isTTY?: boolean;
  /** The clock. Defaults to `() => new Date()`. */
  readonly now?: () => Date;
  /** Directory relative paths resolve against. Defaults to `process.cwd()`. */
  readonly cwd?: string;
}
