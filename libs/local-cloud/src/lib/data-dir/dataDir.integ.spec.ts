import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCertificate } from '@iot-gateway-net/pki';
import { createJsonLogger } from '../context/createJsonLogger.js';
import { dataDirPaths } from './dataDirPaths.js';
import { ensureControlPlaneCredentials } from './ensureControlPlaneCredentials.js';
import { ensureLocalPki } from './ensureLocalPki.js';

const logger = createJsonLogger({ write: () => undefined });
const now = new Date('2026-11-22T00:00:00Z');

describe('data directory bootstrap', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'local-cloud-data-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the root CA and a server certificate once, keys 0600, and reuses them', async () => {
    const paths = dataDirPaths(dir);
    const first = await ensureLocalPki(paths, { hostnames: ['localhost'], now, logger });
    expect((await stat(paths.rootCaKey)).mode & 0o777).toBe(0o600);
    expect((await stat(paths.serverKey)).mode & 0o777).toBe(0o600);
    const server = parseCertificate(first.serverCertPem);
    expect(server.subjectAltNames.dns).toEqual(['localhost']);
    expect([...server.subjectAltNames.ip].sort()).toEqual(['127.0.0.1', '::1'].sort());

    const second = await ensureLocalPki(paths, { hostnames: ['localhost'], now, logger });
    expect(second.rootCaPem).toBe(first.rootCaPem);
    expect(second.serverCertPem).toBe(first.serverCertPem);
  });

  it('re-issues the server certificate for a new host name, keeping the CA', async () => {
    const paths = dataDirPaths(dir);
    const first = await ensureLocalPki(paths, { hostnames: ['localhost'], now, logger });
    const second = await ensureLocalPki(paths, {
      hostnames: ['localhost', 'iot.factory.lan'],
      now,
      logger,
    });
    expect(second.rootCaPem).toBe(first.rootCaPem);
    expect(parseCertificate(second.serverCertPem).subjectAltNames.dns).toContain('iot.factory.lan');
  });

  it('re-issues a server certificate that has less than 30 days left', async () => {
    const paths = dataDirPaths(dir);
    const first = await ensureLocalPki(paths, { hostnames: ['localhost'], now, logger });
    const later = new Date(
      parseCertificate(first.serverCertPem).notAfter.getTime() - 10 * 86_400_000,
    );
    const second = await ensureLocalPki(paths, { hostnames: ['localhost'], now: later, logger });
    expect(second.serverCertPem).not.toBe(first.serverCertPem);
  });

  it('generates control-plane credentials once, 0600, and reads them back', async () => {
    const paths = dataDirPaths(dir);
    const first = await ensureControlPlaneCredentials(paths);
    expect(first.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(first.secretAccessKey.length).toBeGreaterThanOrEqual(40);
    expect((await stat(paths.credentials)).mode & 0o777).toBe(0o600);
    expect(await ensureControlPlaneCredentials(paths)).toEqual(first);
  });

  it('refuses a corrupt credentials file with a message naming it, without overwriting it', async () => {
    const paths = dataDirPaths(dir);
    await writeFile(paths.credentials, '{"nope":1}', { mode: 0o600 });
    await expect(ensureControlPlaneCredentials(paths)).rejects.toMatchObject({
      name: 'LocalCloudError',
      code: 'STARTUP',
      message: expect.stringContaining('control-plane-credentials.json'),
    });
    expect(await readFile(paths.credentials, 'utf8')).toBe('{"nope":1}');
  });
});
