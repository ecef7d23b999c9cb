import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSecretFile } from './readSecretFile.js';
import type { SecretFileSystem } from './schemas.js';
import { writeSecretFileAtomic } from './writeSecretFileAtomic.js';

let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'pki-read-'));
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('readSecretFile', () => {
  it('reads a 0600 file', async () => {
    const path = join(dir, 'device.key');
    await writeSecretFileAtomic(path, 'secret');
    expect((await readSecretFile(path)).toString('utf8')).toBe('secret');
  });

  it('reads a 0400 file', async () => {
    const path = join(dir, 'device.key');
    await writeSecretFileAtomic(path, 'secret', { mode: 0o400 });
    expect((await readSecretFile(path)).toString('utf8')).toBe('secret');
  });

  it.each([0o644, 0o640, 0o604, 0o620, 0o660])(
    'refuses mode %o with INSECURE_PERMISSIONS unless allowed',
    async (mode) => {
      const path = join(dir, 'device.key');
      await fs.writeFile(path, 'secret');
      await fs.chmod(path, mode);
      const error = (await readSecretFile(path).catch((e: unknown) => e)) as Error;
      expect(error).toMatchObject({
        name: 'PkiError',
        code: 'INSECURE_PERMISSIONS',
        message: `Secret file "${path}" has mode 0${mode.toString(8)}, which lets group or others access it; expected 0600 or stricter (chmod 600 "${path}")`,
      });
      expect(error.message).not.toContain('secret"');
      expect((await readSecretFile(path, { allowInsecurePermissions: true })).toString()).toBe(
        'secret',
      );
    },
  );

  it('throws NOT_FOUND for a missing file and IO for a directory', async () => {
    await expect(readSecretFile(join(dir, 'missing.key'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await fs.chmod(dir, 0o700);
    await expect(readSecretFile(dir)).rejects.toMatchObject({ code: 'IO' });
  });

  it('reports other failures as IO', async () => {
    const failing: SecretFileSystem = {
      ...fs,
      open: () => Promise.reject(Object.assign(new Error('denied'), { code: 'EACCES' })),
    };
    await expect(readSecretFile(join(dir, 'x'), { fs: failing })).rejects.toMatchObject({
      code: 'IO',
      message: expect.stringContaining('EACCES'),
    });
  });
});
