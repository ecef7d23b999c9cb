import { lstat } from 'node:fs/promises';
import { CliError } from '../errors/CliError.js';

/**
 * Refuses to go on when `path` exists and `force` is not set, before anything is created.
 *
 * @throws {CliError} `ALREADY_EXISTS` naming the path and `--force`.
 */
export async function assertAbsent(path: string, force: boolean): Promise<void> {
  if (force) return;
  try {
    await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  throw new CliError('ALREADY_EXISTS', `"${path}" already exists; pass --force to replace it`);
}
