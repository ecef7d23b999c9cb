import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PkiError } from '../errors/PkiError.js';
import type { SecretFileSystem } from './schemas.js';
import { writeSecretFileAtomic } from './writeSecretFileAtomic.js';

let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'pki-write-'));
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function errno(code: string): Error {
  return Object.assign(new Error(`simulated ${code}`), { code });
}

/** The real file system, except that `write` stores half the data and then fails like a full disk. */
const failingMidWrite: SecretFileSystem = {
  ...fs,
  open: async (...args: Parameters<typeof fs.open>) => {
    const handle = await fs.open(...args);
    return Object.assign(Object.create(handle) as fs.FileHandle, {
      writeFile: async (data: string | Uint8Array) => {
        await handle.write(Buffer.from(data).subarray(0, Math.floor(data.length / 2)));
        throw errno('ENOSPC');
      },
      chmod: handle.chmod.bind(handle),
      close: handle.close.bind(handle),
      sync: handle.sync.bind(handle),
    });
  },
};

describe('writeSecretFileAtomic', () => {
  it('writes the data with mode 0600 and leaves no temporary file', async () => {
    const target = join(dir, 'device.key');
    await writeSecretFileAtomic(target, 'secret-pem');
    expect(await fs.readFile(target, 'utf8')).toBe('secret-pem');
    expect((await fs.stat(target)).mode & 0o777).toBe(0o600);
    expect(await fs.readdir(dir)).toEqual(['device.key']);
  });

  it('creates the temporary file exclusively with the mode, in the target directory', async () => {
    const calls: unknown[][] = [];
    const recording: SecretFileSystem = {
      ...fs,
      open: (...args: Parameters<typeof fs.open>) => {
        calls.push(args);
        return fs.open(...args);
      },
    };
    await writeSecretFileAtomic(join(dir, 'device.key'), 'x', { fs: recording });
    expect(calls[0]).toEqual([
      expect.stringMatching(/\/\.device\.key\.[0-9a-f]{12}\.tmp$/),
      'wx',
      0o600,
    ]);
    expect(String(calls[0]?.[0]).startsWith(`${dir}/`)).toBe(true);
    expect(calls[1]).toEqual([dir, 'r']);
  });

  it('writes bytes as given', async () => {
    const target = join(dir, 'device.der');
    await writeSecretFileAtomic(target, new Uint8Array([0, 1, 2, 255]));
    expect(new Uint8Array(await fs.readFile(target))).toEqual(new Uint8Array([0, 1, 2, 255]));
  });

  it('replaces an existing file, which ends with the new mode', async () => {
    const target = join(dir, 'device.key');
    await fs.writeFile(target, 'old', { mode: 0o644 });
    await writeSecretFileAtomic(target, 'new');
    expect(await fs.readFile(target, 'utf8')).toBe('new');
    expect((await fs.stat(target)).mode & 0o777).toBe(0o600);
  });

  it('sets exactly the requested mode whatever the umask', async () => {
    const previous = process.umask(0o077);
    try {
      const target = join(dir, 'device.crt');
      await writeSecretFileAtomic(target, 'cert', { mode: 0o644 });
      expect((await fs.stat(target)).mode & 0o777).toBe(0o644);
    } finally {
      process.umask(previous);
    }
  });

  it('leaves the target intact and removes the temporary file when the write fails midway', async () => {
    const target = join(dir, 'device.key');
    await fs.writeFile(target, 'old-key', { mode: 0o600 });
    const error = await writeSecretFileAtomic(target, 'new-key-that-will-not-fit', {
      fs: failingMidWrite,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PkiError);
    expect(error).toMatchObject({
      code: 'IO',
      message: expect.stringContaining('step: write, error: ENOSPC'),
    });
    expect(await fs.readFile(target, 'utf8')).toBe('old-key');
    expect(await fs.readdir(dir)).toEqual(['device.key']);
  });

  it('leaves the target intact when the rename fails', async () => {
    const target = join(dir, 'device.key');
    await fs.writeFile(target, 'old-key');
    const failingRename: SecretFileSystem = { ...fs, rename: () => Promise.reject(errno('EXDEV')) };
    await expect(writeSecretFileAtomic(target, 'new', { fs: failingRename })).rejects.toMatchObject(
      {
        code: 'IO',
        message: expect.stringContaining('rename over target'),
      },
    );
    expect(await fs.readFile(target, 'utf8')).toBe('old-key');
    expect(await fs.readdir(dir)).toEqual(['device.key']);
  });

  it('fails with IO when the directory does not exist', async () => {
    await expect(
      writeSecretFileAtomic(join(dir, 'missing', 'device.key'), 'x'),
    ).rejects.toMatchObject({
      code: 'IO',
      message: expect.stringContaining('ENOENT'),
    });
  });

  it('tolerates file systems without directory fsync but reports real directory errors', async () => {
    const target = join(dir, 'device.key');
    const directoryOpen = (code: string): SecretFileSystem => ({
      ...fs,
      open: ((path: string, ...rest: [string, number?]) =>
        path === dir ? Promise.reject(errno(code)) : fs.open(path, ...rest)) as typeof fs.open,
    });
    await writeSecretFileAtomic(target, 'a', { fs: directoryOpen('EINVAL') });
    expect(await fs.readFile(target, 'utf8')).toBe('a');
    await expect(
      writeSecretFileAtomic(target, 'b', { fs: directoryOpen('EIO') }),
    ).rejects.toMatchObject({
      code: 'IO',
      message: expect.stringContaining('fsync directory'),
    });
  });

  it('keeps one complete version under concurrent writers', async () => {
    const target = join(dir, 'device.key');
    const versions = Array.from({ length: 10 }, (_, i) => `version-${i}-`.repeat(1000));
    await Promise.all(versions.map((v) => writeSecretFileAtomic(target, v)));
    expect(versions).toContain(await fs.readFile(target, 'utf8'));
    expect(await fs.readdir(dir)).toEqual(['device.key']);
  });

  it('refuses an invalid mode', async () => {
    await expect(
      writeSecretFileAtomic(join(dir, 'x'), 'x', { mode: 0o1000 }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});
