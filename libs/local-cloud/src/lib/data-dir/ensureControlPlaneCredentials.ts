import { randomBytes } from 'node:crypto';
import { readSecretFile, writeSecretFileAtomic } from '@iot-gateway-net/pki';
import { z } from 'zod';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import type { DataDirPaths } from './dataDirPaths.js';

const CredentialsFileSchema = z.object({
  accessKeyId: z.string().regex(/^[A-Z0-9]{16,128}$/),
  secretAccessKey: z.string().min(16),
});

/** The control plane's static SigV4 credentials. */
export type ControlPlaneCredentials = z.infer<typeof CredentialsFileSchema>;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Reads the control-plane credentials from the data directory, generating them on first start: an
 * access key id shaped like AWS's (`AKIA` + 16 characters) and a random 40-character secret, kept
 * with mode 0600 so a restart keeps the same credentials.
 *
 * @throws {LocalCloudError} `STARTUP` when the file exists but is not valid.
 */
export async function ensureControlPlaneCredentials(
  paths: DataDirPaths,
): Promise<ControlPlaneCredentials> {
  let text: string | undefined;
  try {
    text = (await readSecretFile(paths.credentials)).toString('utf8');
  } catch (error) {
    if ((error as { code?: string }).code !== 'NOT_FOUND') throw error;
  }
  if (text !== undefined) {
    const parsed = CredentialsFileSchema.safeParse(safeJson(text));
    if (!parsed.success) {
      throw new LocalCloudError(
        'STARTUP',
        `Unexpected contents of "${paths.credentials}", expected {"accessKeyId","secretAccessKey"}; delete it to generate new credentials`,
        { cause: parsed.error },
      );
    }
    return parsed.data;
  }
  const id = [...randomBytes(16)].map((b) => ALPHABET[b % 32]).join('');
  const credentials: ControlPlaneCredentials = {
    accessKeyId: `AKIA${id}`,
    secretAccessKey: randomBytes(30).toString('base64'),
  };
  await writeSecretFileAtomic(paths.credentials, JSON.stringify(credentials, null, 2) + '\n');
  return credentials;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
