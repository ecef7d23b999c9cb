import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { createRegistry } from './createRegistry.js';
import { REGISTRY_MIGRATIONS } from './migrations.js';
import type { Registry } from './types.js';

const REGION = 'ap-northeast-1';
const ACCOUNT = '123456789012';
const T0 = Date.UTC(2025, 0, 1);
const clock = { now: () => T0 };

describe('createRegistry (SQLite file)', () => {
  let dir: string;
  let file: string;
  const open: Registry[] = [];
  const openRegistry = (): Registry => {
    const r = createRegistry({ path: file, region: REGION, accountId: ACCOUNT, clock });
    open.push(r);
    return r;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'registry-'));
    file = join(dir, 'registry.sqlite');
  });
  afterEach(async () => {
    for (const r of open.splice(0)) r.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the file in WAL mode at the newest schema version', () => {
    openRegistry().close();
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const version = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as {
        v: number;
      };
      expect(version.v).toBe(REGISTRY_MIGRATIONS.length);
    } finally {
      db.close();
    }
  });

  it('enforces foreign keys: deleting a policy cascades to its versions', () => {
    const r = openRegistry();
    r.createPolicy('p', '{"v":1}');
    r.deletePolicy('p');
    // With foreign keys off, version 1 of the old policy would linger and collide here.
    expect(r.createPolicy('p', '{"v":"again"}').versions).toEqual([
      expect.objectContaining({ versionId: '1', document: '{"v":"again"}' }),
    ]);
  });

  it('migrates an existing file only once (reopening keeps one version row per migration)', () => {
    openRegistry().close();
    openRegistry().close();
    const db = new Database(file, { readonly: true });
    try {
      const rows = db.prepare('SELECT version FROM schema_version ORDER BY version').all();
      expect(rows).toEqual(REGISTRY_MIGRATIONS.map((_, i) => ({ version: i + 1 })));
    } finally {
      db.close();
    }
  });

  it('keeps everything across close and reopen', () => {
    const a = openRegistry();
    const certificateId = createHash('sha256').update('c1').digest('hex');
    const certArn = `arn:aws:iot:${REGION}:${ACCOUNT}:cert/${certificateId}`;
    a.createThingType({ thingTypeName: 'amr' });
    a.createThing({ thingName: 'robot-001', thingTypeName: 'amr', attributes: { site: 'tokyo' } });
    a.insertCertificate({
      certificateId,
      certificateArn: certArn,
      certificatePem: 'PEM',
      status: 'ACTIVE',
      creationDate: T0,
      notBefore: T0,
      notAfter: T0 + 1000,
      certificateMode: 'DEFAULT',
      origin: 'api',
    });
    const caId = createHash('sha256').update('ca').digest('hex');
    a.insertCaCertificate({
      caCertificateId: caId,
      caCertificateArn: '',
      caCertificatePem: 'CA',
      status: 'ACTIVE',
      autoRegistrationStatus: 'ENABLE',
      certificateMode: 'DEFAULT',
      creationDate: T0,
    });
    a.createPolicy('device', '{"v":1}');
    a.createPolicyVersion('device', '{"v":2}', true);
    a.attachPolicy('device', certArn);
    a.attachThingPrincipal('robot-001', certArn);
    a.putRetained({
      topic: 'amr/robot-001/status',
      payload: new Uint8Array([1, 2, 3]),
      qos: 1,
      lastModifiedTime: T0,
    });
    a.putShadow('robot-001', 'config', {
      state: { desired: { x: 1 } },
      metadata: { desired: { x: { timestamp: 1 } } },
      version: 3,
    });
    const before = {
      thing: a.getThing('robot-001'),
      cert: a.getCertificate(certificateId),
      ca: a.getCaCertificate(caId),
      policy: a.getPolicy('device'),
    };
    a.close();

    const b = openRegistry();
    expect(b.getThing('robot-001')).toEqual(before.thing);
    expect(b.getCertificate(certificateId)).toEqual(before.cert);
    expect(b.getCaCertificate(caId)).toEqual(before.ca);
    expect(b.getPolicy('device')).toEqual(before.policy);
    expect(b.getPolicy('device')?.versions).toHaveLength(2);
    expect(b.listAttachedPolicies(certArn).items.map((p) => p.policyName)).toEqual(['device']);
    expect(b.listThingPrincipals('robot-001').items).toEqual([certArn]);
    expect([...(b.getRetained('amr/robot-001/status')?.payload ?? [])]).toEqual([1, 2, 3]);
    expect(b.getShadow('robot-001', 'config')).toEqual({
      state: { desired: { x: 1 } },
      metadata: { desired: { x: { timestamp: 1 } } },
      version: 3,
    });
    expect(b.listNamedShadows('robot-001').items).toEqual(['config']);
  });

  it('persists nothing of a transaction that threw, even after reopening', () => {
    const a = openRegistry();
    expect(() =>
      a.transaction(() => {
        a.createThing({ thingName: 'ghost' });
        a.createPolicy('ghost-policy', '{}');
        throw new Error('abort');
      }),
    ).toThrow('abort');
    a.close();
    const b = openRegistry();
    expect(b.getThing('ghost')).toBeUndefined();
    expect(b.getPolicy('ghost-policy')).toBeUndefined();
  });

  it('sees a write from another connection immediately after the method returns (durable commit)', () => {
    const a = openRegistry();
    a.createThing({ thingName: 'durable' });
    const reader = new Database(file, { readonly: true });
    try {
      const row = reader
        .prepare('SELECT thing_name FROM things WHERE thing_name = ?')
        .get('durable');
      expect(row).toEqual({ thing_name: 'durable' });
    } finally {
      reader.close();
    }
  });

  it('refuses a database written by a newer schema with STARTUP', () => {
    openRegistry().close();
    const db = new Database(file);
    db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(
      REGISTRY_MIGRATIONS.length + 1,
    );
    db.close();
    let caught: unknown;
    try {
      openRegistry();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(LocalCloudError);
    expect((caught as LocalCloudError).code).toBe('STARTUP');
    expect((caught as LocalCloudError).message).toMatch(/newer/);
  });

  it('refuses a file that is not a database with STARTUP naming the path', async () => {
    await writeFile(
      file,
      'this is not an SQLite database, just text that is long enough to fail the header',
    );
    let caught: unknown;
    try {
      openRegistry();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(LocalCloudError);
    expect((caught as LocalCloudError).code).toBe('STARTUP');
    expect((caught as LocalCloudError).message).toContain(file);
  });

  it('refuses a path in a missing directory with STARTUP', () => {
    expect(() =>
      createRegistry({
        path: join(dir, 'missing', 'registry.sqlite'),
        region: REGION,
        accountId: ACCOUNT,
        clock,
      }),
    ).toThrow(expect.objectContaining({ code: 'STARTUP' }) as Error);
  });
});
