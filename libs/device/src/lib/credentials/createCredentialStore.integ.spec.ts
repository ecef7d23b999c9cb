import * as nodeFs from 'node:fs/promises';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSelfSignedCertificate, type SecretFileSystem } from '@iot-gateway-net/pki';
import { createInitialState } from '@iot-gateway-net/rotation';
import { createCredentialStore } from './createCredentialStore.js';
import { findProductionCredential } from './findProductionCredential.js';

const NOW = new Date('2026-11-01T00:00:00Z');

describe('createCredentialStore', () => {
  let dir: string;
  let stateDir: string;
  const claim = () => ({
    slot: 'claim',
    certificatePath: join(dir, 'claim.cert.pem'),
    privateKeyPath: join(dir, 'claim.private.key'),
  });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'device-store-'));
    stateDir = join(dir, 'state');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes slots with 0700 directories and 0600 files, and reads them back checked', async () => {
    const store = createCredentialStore({ stateDir, claim: claim() });
    const issued = await createSelfSignedCertificate({ now: NOW, commonName: 'AMR-001' });
    await store.writeKey('production-1', issued.privateKeyPem, 'CSR');
    await store.writeCertificate('production-1', issued.certificatePem);

    const slot = join(stateDir, 'slots', 'production-1');
    expect((await stat(slot)).mode & 0o777).toBe(0o700);
    expect((await stat(join(stateDir, 'slots'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(slot, 'private.key'))).mode & 0o777).toBe(0o600);
    expect(await store.readCredential('production-1')).toEqual({
      certificatePem: issued.certificatePem,
      privateKeyPem: issued.privateKeyPem,
    });
    expect(await store.readCsr('production-1')).toBe('CSR');
    expect(await findProductionCredential(store)).toMatchObject({
      slot: 'production-1',
      certificateId: issued.certificateId,
    });
  });

  it('reports missing and corrupt files as CREDENTIALS without key material', async () => {
    const store = createCredentialStore({ stateDir, claim: claim() });
    await expect(store.readCredential('claim')).rejects.toMatchObject({ code: 'CREDENTIALS' });
    const issued = await createSelfSignedCertificate({ now: NOW });
    await writeFile(join(dir, 'claim.cert.pem'), issued.certificatePem);
    await writeFile(join(dir, 'claim.private.key'), 'not a key');
    await expect(store.readCredential('claim')).rejects.toMatchObject({
      code: 'CREDENTIALS',
      message: expect.stringContaining('Malformed private key') as unknown,
    });
    expect(() => store.slotDir('../etc')).toThrow(/Unexpected slot/);
    expect(() => store.slotDir('claim')).toThrow(/Unexpected slot/);
  });

  it('leaves the old file when a write crashes between write and rename', async () => {
    const store = createCredentialStore({ stateDir, claim: claim() });
    await store.writeCertificate('production-1', 'OLD');
    const crashing: SecretFileSystem = {
      open: nodeFs.open,
      unlink: nodeFs.unlink,
      rename: () => Promise.reject(Object.assign(new Error('power cut'), { code: 'EIO' })),
    };
    const broken = createCredentialStore({ stateDir, claim: claim(), fs: crashing });
    await expect(broken.writeCertificate('production-1', 'NEW')).rejects.toMatchObject({
      code: 'IO',
    });
    const slot = join(stateDir, 'slots', 'production-1');
    expect(await readFile(join(slot, 'certificate.pem'), 'utf8')).toBe('OLD');
    expect(await nodeFs.readdir(slot)).toEqual(['certificate.pem']);
  });

  it('persists the rotation state atomically and survives a missing or corrupt file', async () => {
    const store = createCredentialStore({ stateDir, claim: claim() });
    expect(await store.loadState()).toEqual({ kind: 'missing' });
    const state = createInitialState({
      claim: { certificateId: 'c'.repeat(64), notBefore: 0, notAfter: 1_000 },
    });
    await store.saveState(state);
    expect(await store.loadState()).toEqual({ kind: 'loaded', state });
    expect((await stat(join(stateDir, 'rotation-state.json'))).mode & 0o777).toBe(0o600);
    await writeFile(join(stateDir, 'rotation-state.json'), '{"phase":');
    expect(await store.loadState()).toMatchObject({ kind: 'corrupt' });
    await store.saveThingName('AMR-001');
    expect(await store.loadThingName()).toBe('AMR-001');
  });

  it('deletes idempotently and sweeps only unreferenced slots', async () => {
    const store = createCredentialStore({ stateDir, claim: claim() });
    for (const slot of ['production-1', 'production-2', 'production-3']) {
      await store.writeCertificate(slot, slot);
    }
    await mkdir(join(stateDir, 'slots', 'not a slot'));
    await store.deleteSlot('production-3');
    await store.deleteSlot('production-3');
    expect(await store.sweep(['claim', 'production-2'])).toEqual(['production-1']);
    expect(await store.listSlots()).toEqual(['production-2']);
  });
});
