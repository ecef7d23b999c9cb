import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { PkiError } from '../errors/PkiError.js';
import { parseOptions } from '../options/parseOptions.js';
import { formatMode } from './formatMode.js';
import type { SecretFileSystem } from './schemas.js';

const optionsSchema = z.object({
  mode: z.number().int().min(0).max(0o777).default(0o600),
  fs: z.custom<SecretFileSystem>((value) => typeof value === 'object' && value !== null).optional(),
});

/** Options of {@link writeSecretFileAtomic}. */
export type WriteSecretFileOptions = z.input<typeof optionsSchema>;

/** Directory fsync is not supported everywhere; these mean "cannot", not "failed". */
const DIRECTORY_SYNC_UNSUPPORTED = new Set(['EINVAL', 'ENOTSUP', 'EISDIR', 'EPERM', 'EBADF']);

/**
 * Writes a secret (a private key, a certificate) so that the target is never seen half-written and is
 * never readable by others, even for a moment:
 *
 * 1. create a temporary file in the same directory, exclusively (`wx`, so no pre-planted symlink is
 *    followed) and with `mode` given to `open` itself, then `fchmod` the handle to exactly `mode` so the
 *    umask cannot change it;
 * 2. write the data and `fsync` the file;
 * 3. `rename` it over the target (atomic within a file system);
 * 4. `fsync` the directory so the rename survives a power cut.
 *
 * On failure before the rename the temporary file is removed and the target is left as it was.
 *
 * @param options.mode - Defaults to `0o600`.
 * @param options.fs - file-system port; Defaults to `node:fs/promises`.
 * @throws {PkiError} `IO` naming the path, the failing step and the errno code; `INVALID_ARGUMENT` for a
 *   mode outside `0o000`-`0o777`.
 */
export async function writeSecretFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: WriteSecretFileOptions = {},
): Promise<void> {
  const { mode, fs = nodeFs } = parseOptions(optionsSchema, options, 'writeSecretFileAtomic');
  const directory = dirname(path);
  const temporary = join(directory, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let step = 'create temporary file';
  let handle: nodeFs.FileHandle | undefined;
  let created = false;
  try {
    handle = await fs.open(temporary, 'wx', mode);
    created = true;
    step = `set mode ${formatMode(mode)}`;
    await handle.chmod(mode);
    step = 'write';
    await handle.writeFile(data);
    step = 'fsync';
    await handle.sync();
    step = 'close';
    await handle.close();
    handle = undefined;
    step = 'rename over target';
    await fs.rename(temporary, path);
    created = false;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    if (created) {
      await fs.unlink(temporary).catch(() => undefined);
    }
    throw ioError(path, step, error);
  }
  await syncDirectory(fs, directory, path);
}

async function syncDirectory(fs: SecretFileSystem, directory: string, path: string): Promise<void> {
  let handle: nodeFs.FileHandle | undefined;
  try {
    handle = await fs.open(directory, 'r');
    await handle.sync();
  } catch (error) {
    if (!DIRECTORY_SYNC_UNSUPPORTED.has(errorCode(error))) {
      throw ioError(path, 'fsync directory', error);
    }
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String(error.code)
    : 'unknown';
}

function ioError(path: string, step: string, error: unknown): PkiError {
  return new PkiError(
    'IO',
    `Could not write secret file "${path}" (step: ${step}, error: ${errorCode(error)}), expected a writable directory`,
    { cause: error },
  );
}
