import { mkdtemp, readFile, rm, stat, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSelfSignedCertificate } from '@iot-gateway-net/pki';
import { FleetSetupError } from '../errors/FleetSetupError.js';
import { writeClaimCredential } from './writeClaimCredential.js';

describe('writeClaimCredential', () => {
  let root: string;
  let credential: { certificatePem: string; privateKeyPem: string };

  beforeAll(async () => {
    credential = await createSelfSignedCertificate({ now: new Date('2026-01-01T00:00:00Z') });
  });

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'fleet-setup-write-'));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes claim.cert.pem 0644 and claim.private.key 0600, creating the directory 0700', async () => {
    const dir = join(root, 'bundle', 'AMR-001');
    const paths = await writeClaimCredential(dir, credential);
    expect(paths).toEqual({
      certificatePath: join(dir, 'claim.cert.pem'),
      privateKeyPath: join(dir, 'claim.private.key'),
    });
    expect(await readFile(paths.certificatePath, 'utf8')).toBe(credential.certificatePem);
    expect(await readFile(paths.privateKeyPath, 'utf8')).toBe(credential.privateKeyPem);
    expect((await stat(paths.certificatePath)).mode & 0o777).toBe(0o644);
    expect((await stat(paths.privateKeyPath)).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await readdir(dir)).sort()).toEqual(['claim.cert.pem', 'claim.private.key']);
  });

  it('refuses to overwrite an existing file unless force', async () => {
    await writeFile(join(root, 'claim.private.key'), 'old key', { mode: 0o600 });
    const error = await writeClaimCredential(root, credential).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FleetSetupError);
    expect(error).toMatchObject({ code: 'ALREADY_EXISTS' });
    expect((error as FleetSetupError).message).toContain(join(root, 'claim.private.key'));
    expect(await readFile(join(root, 'claim.private.key'), 'utf8')).toBe('old key');
    expect(await readdir(root)).toEqual(['claim.private.key']);

    await writeClaimCredential(root, credential, { force: true });
    expect(await readFile(join(root, 'claim.private.key'), 'utf8')).toBe(credential.privateKeyPem);
    expect((await stat(join(root, 'claim.private.key'))).mode & 0o777).toBe(0o600);
  });

  it('refuses an existing certificate file too', async () => {
    await writeFile(join(root, 'claim.cert.pem'), 'old cert');
    await expect(writeClaimCredential(root, credential)).rejects.toMatchObject({
      code: 'ALREADY_EXISTS',
    });
    expect(await readdir(root)).toEqual(['claim.cert.pem']);
  });

  it('refuses a credential without PEM, naming the field and never the content', async () => {
    const secret = 'not-a-key-but-secret';
    const error = await writeClaimCredential(root, {
      certificatePem: credential.certificatePem,
      privateKeyPem: secret,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_OPTIONS' });
    expect((error as FleetSetupError).message).toContain('privateKeyPem');
    expect((error as FleetSetupError).message).not.toContain(secret);
    expect(await readdir(root)).toEqual([]);
  });

  it('reports IO naming the path when the directory cannot be made', async () => {
    const file = join(root, 'a-file');
    await writeFile(file, 'x');
    const error = await writeClaimCredential(join(file, 'sub'), credential).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'IO' });
    expect((error as FleetSetupError).message).toContain(join(file, 'sub'));
    expect((error as FleetSetupError).message).not.toContain('BEGIN');
  });
});
