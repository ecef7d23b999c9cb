import type { Command } from 'commander';
import type { CliIo } from '../io/types.js';
import type { GlobalOptions } from '../target/schemas.js';
import type { Target } from '../target/types.js';

/** What a command's action gets: output, the clock, the global options and the target. */
export interface CommandContext {
  readonly io: CliIo;
  readonly globals: GlobalOptions;
  /** `--json` was given. */
  readonly json: boolean;
  now(): Date;
  /** Resolves `path` against the working directory. */
  resolvePath(path: string): string;
  /** The local cloud or AWS account (resolved once, closed when the command ends). */
  target(templateName?: string): Promise<Target>;
  /** Writes a line (or lines) to standard output. */
  print(text: string): void;
  /** Writes a line to standard error (warnings, progress notes). */
  warn(text: string): void;
  /** Prints `data` as JSON with `--json`, else the text `human(data)` returns. */
  emit<T>(data: T, human: (data: T) => string): void;
}

/** Given to every command builder: turns the command being run into its context. */
export interface ProgramDeps {
  context(command: Command): CommandContext;
}
