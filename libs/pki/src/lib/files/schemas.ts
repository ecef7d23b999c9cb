import type * as fsPromises from 'node:fs/promises';

/**
 * The file-system calls the secret-file functions make, as a port so that tests can inject failures.
 * `node:fs/promises` satisfies it.
 */
export type SecretFileSystem = Pick<typeof fsPromises, 'open' | 'rename' | 'unlink'>;

/** Permission bits that make a secret file insecure: any access for group or others (as OpenSSH checks). */
export const INSECURE_MODE_BITS = 0o077;
