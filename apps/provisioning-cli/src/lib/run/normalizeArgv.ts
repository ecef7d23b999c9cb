import { DEFAULT_LOCAL_DATA_DIR } from '../target/schemas.js';

/**
 * `--local` takes an optional directory, so `amrctl --local things list` would read `things` as
 * the directory. When the word after a bare `--local` is a command name, it becomes
 * `--local=<default>`.
 */
export function normalizeArgv(
  argv: readonly string[],
  commandNames: ReadonlySet<string>,
): string[] {
  return argv.map((arg, index) => {
    const next = argv[index + 1];
    return arg === '--local' && (next === undefined || commandNames.has(next))
      ? `--local=${DEFAULT_LOCAL_DATA_DIR}`
      : arg;
  });
}
