import * as nodeFs from 'node:fs/promises';
import { z } from 'zod';
import { PkiError } from '../errors/PkiError.js';
import { parseOptions } from '../options/parseOptions.js';
import { formatMode } from './formatMode.js';
import { INSECURE_MODE_BITS, type SecretFileSystem } from './schemas.js';

const optionsSchema = z.object({
  allowInsecurePermissions: z.boolean().default(false),
  fs: z.custom<SecretFileSystem>((value) => typeof value === 'object' && value !== null).optional(),
});

/** Options of {@link readSecretFile}. */
export type ReadSecretFileOptions = z.input<typeof optionsSchema>;

/**
 * Reads a secret file after checking that only its owner may read or write it, as OpenSSH does for
 * private keys: any permission bit for group or others (`mode & 0o077`) is refused. The check runs on
 * the opened handle (`fstat`), so the file cannot be swapped between check and read.
 *
 * @param options.allowInsecurePermissions - read anyway; Defaults to `false`.
 * @param options.fs - file-system port; Defaults to `node:fs/promises`.
 * @returns the file's bytes (`buffer.toString('utf8')` for PEM).
 * @throws {PkiError} `NOT_FOUND` when the file does not exist; `INSECURE_PERMISSIONS` naming the mode
 *   found and the `chmod` that fixes it; `IO` for other failures (including a path that is not a
 *   regular file).
 */
export async function readSecretFile(
  path: string,
  options: ReadSecretFileOptions = {},
): Promise<Buffer> {
  const { allowInsecurePermissions, fs = nodeFs } = parseOptions(
    optionsSchema,
    options,
    'readSecretFile',
  );
  let handle: nodeFs.FileHandle | undefined;
  try {
    handle = await fs.open(path, 'r');
    const stat = await handle.stat();
    if (!stat.isFile()) {
      throw new PkiError('IO', `Secret file "${path}" is not a regular file, expected a file`);
    }
    if ((stat.mode & INSECURE_MODE_BITS) !== 0 && !allowInsecurePermissions) {
      throw new PkiError(
        'INSECURE_PERMISSIONS',
        `Secret file "${path}" has mode ${formatMode(stat.mode)}, which lets group or others access it; expected 0600 or stricter (chmod 600 "${path}")`,
      );
    }
    return await handle.readFile();
  } catch (error) {
    if (error instanceof PkiError) {
      throw error;
    }
    const code =
      typeof error === 'object' && error !== null && 'code' in error
        ? String(error.code)
        : 'unknown';
    if (code === 'ENOENT') {
      throw new PkiError('NOT_FOUND', `Secret file "${path}" does not exist, expected a file`, {
        cause: error,
      });
    }
    throw new PkiError('IO', `Could not read secret file "${path}" (error: ${code})`, {
      cause: error,
    });
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
