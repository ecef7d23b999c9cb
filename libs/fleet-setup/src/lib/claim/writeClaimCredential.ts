import { lstat, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeSecretFileAtomic } from '@iot-gateway-net/pki';
import { FleetSetupError } from '../errors/FleetSetupError.js';
import { parseOptions } from '../errors/parseOptions.js';
import {
  CLAIM_FILE_NAMES,
  ClaimFilesContentSchema,
  WriteClaimCredentialOptionsSchema,
  type ClaimFilePaths,
  type ClaimFilesContent,
  type WriteClaimCredentialOptions,
} from './schemas.js';

/**
 * Writes a claim credential into `dir` (created with mode 0700 when missing): `claim.cert.pem`
 * (0644) and `claim.private.key` (0600), each atomically with `writeSecretFileAtomic` of
 * `@iot-gateway-net/pki`. Refuses to replace existing files unless `force` (default `false`). If the
 * second file fails, the first is removed again when it did not exist before.
 *
 * Takes a `ClaimCredential` or a `TrustedUserClaim` (only the PEM fields are used).
 *
 * @returns the paths written.
 * @throws {FleetSetupError} `INVALID_OPTIONS` when the credential holds no PEM certificate or key
 *   (the message names the field, never its content); `ALREADY_EXISTS` naming the existing file;
 *   `IO` naming the path when writing fails (the cause says why).
 */
export async function writeClaimCredential(
  dir: string,
  credential: ClaimFilesContent,
  options: WriteClaimCredentialOptions = {},
): Promise<ClaimFilePaths> {
  const content = parseOptions(ClaimFilesContentSchema, credential, 'writeClaimCredential');
  const { force } = parseOptions(
    WriteClaimCredentialOptionsSchema,
    options,
    'writeClaimCredential',
  );
  const certificatePath = join(dir, CLAIM_FILE_NAMES.certificate);
  const privateKeyPath = join(dir, CLAIM_FILE_NAMES.privateKey);
  const existed = {
    certificate: await exists(certificatePath),
    privateKey: await exists(privateKeyPath),
  };
  if (!force) {
    const taken = existed.privateKey ? privateKeyPath : existed.certificate ? certificatePath : '';
    if (taken !== '') {
      throw new FleetSetupError(
        'ALREADY_EXISTS',
        `Claim file "${taken}" already exists, expected a directory without claim files (or force)`,
      );
    }
  }
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw ioError(dir, error);
  }
  // Key first: a directory with a certificate but no key is useless, a lone key is harmless.
  try {
    await writeSecretFileAtomic(privateKeyPath, content.privateKeyPem, { mode: 0o600 });
  } catch (error) {
    throw ioError(privateKeyPath, error);
  }
  try {
    await writeSecretFileAtomic(certificatePath, content.certificatePem, { mode: 0o644 });
  } catch (error) {
    if (!existed.privateKey) await rm(privateKeyPath, { force: true }).catch(() => undefined);
    throw ioError(certificatePath, error);
  }
  return { certificatePath, privateKeyPath };
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw ioError(path, error);
  }
}

function ioError(path: string, cause: unknown): FleetSetupError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new FleetSetupError('IO', `Cannot write claim file "${path}": ${reason}`, { cause });
}
