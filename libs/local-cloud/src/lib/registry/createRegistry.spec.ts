import { createHash } from 'node:crypto';
import type { StoredShadow } from '@iot-gateway-net/shadow';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { createRegistry } from './createRegistry.js';
import type { CertificateRecord, Registry, RegistryChange } from './types.js';

const REGION = 'ap-northeast-1';
const ACCOUNT = '123456789012';
const T0 = Date.UTC(2025, 0, 1);
const DOC =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:Connect","Resource":"*"}]}';

function tokenOf(page: { nextToken?: string }): string {
  if (page.nextToken === undefined) throw new Error('expected a nextToken');
  return page.nextToken;
}

function hexId(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

function certInput(
  seed: string,
  overrides: Partial<Omit<CertificateRecord, 'customerVersion' | 'lastModifiedDate'>> = {},
): Omit<CertificateRecord, 'customerVersion' | 'lastModifiedDate'> {
  const certificateId = hexId(seed);
  return {
    certificateId,
    certificateArn: `arn:aws:iot:${REGION}:${ACCOUNT}:cert/${certificateId}`,
    certificatePem: `-----BEGIN CERTIFICATE-----\n${seed}\n-----END CERTIFICATE-----\n`,
    status: 'ACTIVE',
    creationDate: T0,
    notBefore: T0,
    notAfter: T0 + 365 * 86_400_000,
    certificateMode: 'DEFAULT',
    origin: 'api',
    ...overrides,
  };
}

function expectError(fn: () => unknown, code: LocalCloudError['code'], message?: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(LocalCloudError);
  expect((caught as LocalCloudError).code).toBe(code);
  if (message) expect((caught as LocalCloudError).message).toMatch(message);
}

describe('createRegistry (in memory)', () => {
  let now: number;
  let registry: Registry;
  let changes: RegistryChange[];

  beforeEach(() => {
    now = T0;
    registry = createRegistry({
      path: ':memory:',
      region: REGION,
      accountId: ACCOUNT,
      clock: { now: () => now },
    });
    changes = [];
    registry.onChange((c) => changes.push(c));
  });
  afterEach(() => registry.close());

  describe('options', () => {
    it('refuses a bad region or account id with CONFIG', () => {
      expectError(
        () =>
          createRegistry({
            path: ':memory:',
            region: 'tokyo',
            accountId: ACCOUNT,
            clock: { now: () => 0 },
          }),
        'CONFIG',
        /region/,
      );
      expectError(
        () =>
          createRegistry({
            path: ':memory:',
            region: REGION,
            accountId: '42',
            clock: { now: () => 0 },
          }),
        'CONFIG',
        /accountId/,
      );
    });

    it('exposes region and account id', () => {
      expect(registry.region).toBe(REGION);
      expect(registry.accountId).toBe(ACCOUNT);
    });
  });

  describe('things', () => {
    // CreateThing / UpdateThing accept only an existing thing type.
    beforeEach(() => registry.createThingType({ thingTypeName: 'amr' }));

    it('creates a thing with a UUID thing id, an ARN, version 1 and the creation time', () => {
      const thing = registry.createThing({
        thingName: 'robot-001',
        thingTypeName: 'amr',
        attributes: { site: 'tokyo' },
      });
      expect(thing).toEqual({
        thingName: 'robot-001',
        thingId: expect.stringMatching(
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        ),
        thingArn: `arn:aws:iot:${REGION}:${ACCOUNT}:thing/robot-001`,
        thingTypeName: 'amr',
        attributes: { site: 'tokyo' },
        version: 1,
        creationDate: T0,
      });
      expect(registry.getThing('robot-001')).toEqual(thing);
      expect(changes).toEqual([{ type: 'thing', thingName: 'robot-001' }]);
    });

    it('answers CreateThing again with the same configuration and refuses a different one', () => {
      const first = registry.createThing({ thingName: 'robot-001', attributes: { a: '1' } });
      expect(registry.createThing({ thingName: 'robot-001', attributes: { a: '1' } })).toEqual(
        first,
      );
      expectError(
        () => registry.createThing({ thingName: 'robot-001', attributes: { a: '2' } }),
        'ALREADY_EXISTS',
        /robot-001/,
      );
      expectError(
        () => registry.createThing({ thingName: 'robot-001', thingTypeName: 't' }),
        'ALREADY_EXISTS',
      );
    });

    it('validates thing names, thing type names and attributes', () => {
      expectError(
        () => registry.createThing({ thingName: 'a/b' }),
        'INVALID_REQUEST',
        /Unexpected thing name "a\/b", expected \[a-zA-Z0-9:_-\]\{1,128\}/,
      );
      expectError(() => registry.createThing({ thingName: 'x'.repeat(129) }), 'INVALID_REQUEST');
      expectError(() => registry.createThing({ thingName: '' }), 'INVALID_REQUEST');
      expectError(
        () => registry.createThing({ thingName: 'ok', thingTypeName: 'bad type' }),
        'INVALID_REQUEST',
        /thing type name/,
      );
      expectError(
        () => registry.createThing({ thingName: 'ok', attributes: { 'bad key': 'v' } }),
        'INVALID_REQUEST',
        /attribute name/,
      );
      expectError(
        () => registry.createThing({ thingName: 'ok', attributes: { k: 'bad value!' } }),
        'INVALID_REQUEST',
        /attribute value/,
      );
      expect(registry.getThing('ok')).toBeUndefined();
      expect(changes).toEqual([]);
    });

    it('returns undefined for an unknown thing', () => {
      expect(registry.getThing('nobody')).toBeUndefined();
    });

    it('updates attributes by replacing, by merging, and removes keys with empty values', () => {
      registry.createThing({ thingName: 't', attributes: { a: '1', b: '2' } });
      expect(registry.updateThing({ thingName: 't', attributes: { c: '3' } })).toMatchObject({
        attributes: { c: '3' },
        version: 2,
      });
      expect(
        registry.updateThing({ thingName: 't', attributes: { d: '4', c: '' }, merge: true }),
      ).toMatchObject({ attributes: { d: '4' }, version: 3 });
      expect(registry.updateThing({ thingName: 't', thingTypeName: 'amr' })).toMatchObject({
        thingTypeName: 'amr',
        attributes: { d: '4' },
        version: 4,
      });
      const removed = registry.updateThing({ thingName: 't', removeThingType: true });
      expect(removed.thingTypeName).toBeUndefined();
      expect(registry.getThing('t')).toEqual(removed);
    });

    it('checks expectedVersion on update and refuses thingTypeName with removeThingType', () => {
      registry.createThing({ thingName: 't' });
      expectError(
        () => registry.updateThing({ thingName: 't', attributes: { a: '1' }, expectedVersion: 2 }),
        'VERSION_CONFLICT',
        /version 1, expected version 2/,
      );
      expect(
        registry.updateThing({ thingName: 't', attributes: { a: '1' }, expectedVersion: 1 })
          .version,
      ).toBe(2);
      expectError(
        () => registry.updateThing({ thingName: 't', thingTypeName: 'x', removeThingType: true }),
        'INVALID_REQUEST',
      );
      expectError(() => registry.updateThing({ thingName: 'missing' }), 'NOT_FOUND', /missing/);
    });

    it('deletes a thing, idempotently, checking expectedVersion and attached principals', () => {
      registry.createThing({ thingName: 't' });
      expectError(() => registry.deleteThing('t', 7), 'VERSION_CONFLICT');
      const cert = registry.insertCertificate(certInput('c1'));
      registry.attachThingPrincipal('t', cert.certificateArn);
      expectError(
        () => registry.deleteThing('t'),
        'INVALID_REQUEST',
        /Cannot delete\. Thing t is still attached to one or more principals/,
      );
      registry.detachThingPrincipal('t', cert.certificateArn);
      changes.length = 0;
      registry.deleteThing('t', 1);
      expect(registry.getThing('t')).toBeUndefined();
      expect(changes).toEqual([{ type: 'thing', thingName: 't' }]);
      expect(() => registry.deleteThing('t')).not.toThrow();
      expectError(() => registry.deleteThing('a/b'), 'INVALID_REQUEST');
    });

    it('lists things by name with pagination and filters', () => {
      for (let i = 0; i < 7; i++) {
        registry.createThing({
          thingName: `robot-${i}`,
          ...(i % 2 === 0 ? { thingTypeName: 'amr' } : {}),
          attributes: { 'site.name': i < 3 ? 'tokyo' : 'osaka' },
        });
      }
      const first = registry.listThings({ maxResults: 3 });
      expect(first.items.map((t) => t.thingName)).toEqual(['robot-0', 'robot-1', 'robot-2']);
      expect(first.nextToken).toEqual(expect.any(String));
      const second = registry.listThings({ maxResults: 3, nextToken: tokenOf(first) });
      expect(second.items.map((t) => t.thingName)).toEqual(['robot-3', 'robot-4', 'robot-5']);
      const third = registry.listThings({ maxResults: 3, nextToken: tokenOf(second) });
      expect(third.items.map((t) => t.thingName)).toEqual(['robot-6']);
      expect(third.nextToken).toBeUndefined();
      expect(registry.listThings({ thingTypeName: 'amr' }).items.map((t) => t.thingName)).toEqual([
        'robot-0',
        'robot-2',
        'robot-4',
        'robot-6',
      ]);
      expect(
        registry
          .listThings({ attributeName: 'site.name', attributeValue: 'tokyo' })
          .items.map((t) => t.thingName),
      ).toEqual(['robot-0', 'robot-1', 'robot-2']);
      expect(registry.listThings({ attributeName: 'site.name' }).items).toHaveLength(7);
      expect(registry.listThings({ attributeName: 'missing' }).items).toHaveLength(0);
      expect(registry.listThings().items).toHaveLength(7);
    });

    it('refuses bad page sizes and tokens', () => {
      expectError(() => registry.listThings({ maxResults: 0 }), 'INVALID_REQUEST', /maxResults 0/);
      expectError(() => registry.listThings({ maxResults: 251 }), 'INVALID_REQUEST');
      expectError(
        () => registry.listThings({ nextToken: 'garbage!' }),
        'INVALID_REQUEST',
        /nextToken/,
      );
      const certToken = Buffer.from(JSON.stringify([1, 'x'])).toString('base64url');
      expectError(() => registry.listThings({ nextToken: certToken }), 'INVALID_REQUEST');
      expectError(() => registry.listThings({ attributeValue: 'v' }), 'INVALID_REQUEST');
    });
  });

  describe('certificates', () => {
    it('inserts, reads and refuses duplicates', () => {
      const record = registry.insertCertificate(certInput('c1', { caCertificateId: hexId('ca') }));
      expect(record).toMatchObject({
        customerVersion: 1,
        lastModifiedDate: T0,
        caCertificateId: hexId('ca'),
        status: 'ACTIVE',
      });
      expect(registry.getCertificate(record.certificateId)).toEqual(record);
      expect(record.certificateArn).toBe(`arn:aws:iot:${REGION}:${ACCOUNT}:cert/${hexId('c1')}`);
      expectError(
        () => registry.insertCertificate(certInput('c1')),
        'ALREADY_EXISTS',
        /already provisioned or registered/,
      );
      expectError(
        () => registry.insertCertificate({ ...certInput('c2'), certificateId: 'XYZ' }),
        'INVALID_REQUEST',
      );
      expect(registry.getCertificate(hexId('nope'))).toBeUndefined();
      expect(changes).toEqual([
        { type: 'certificate', certificateId: hexId('c1'), status: 'ACTIVE' },
      ]);
    });

    it('keeps optional fields optional', () => {
      const claim = registry.insertCertificate(
        certInput('claim', {
          origin: 'provisioning-claim',
          expiresAt: T0 + 300_000,
          certificateMode: 'SNI_ONLY',
        }),
      );
      expect(claim.expiresAt).toBe(T0 + 300_000);
      expect(claim.caCertificateId).toBeUndefined();
      expect('caCertificateId' in claim).toBe(false);
    });

    it('lists newest first (or ascending), hides provisioning claims, filters by CA and pages', () => {
      for (let i = 0; i < 5; i++) {
        registry.insertCertificate(
          certInput(`c${i}`, {
            creationDate: T0 + i * 1000,
            ...(i < 2 ? { caCertificateId: hexId('ca') } : {}),
          }),
        );
      }
      registry.insertCertificate(
        certInput('claim', { origin: 'provisioning-claim', creationDate: T0 + 10_000 }),
      );
      const ids = (n: number[]): string[] => n.map((i) => hexId(`c${i}`));
      const p1 = registry.listCertificates({ maxResults: 2 });
      expect(p1.items.map((c) => c.certificateId)).toEqual(ids([4, 3]));
      const p2 = registry.listCertificates({ maxResults: 2, nextToken: tokenOf(p1) });
      expect(p2.items.map((c) => c.certificateId)).toEqual(ids([2, 1]));
      const p3 = registry.listCertificates({ maxResults: 2, nextToken: tokenOf(p2) });
      expect(p3.items.map((c) => c.certificateId)).toEqual(ids([0]));
      expect(p3.nextToken).toBeUndefined();
      const asc = registry.listCertificates({ ascendingOrder: true, maxResults: 3 });
      expect(asc.items.map((c) => c.certificateId)).toEqual(ids([0, 1, 2]));
      expect(
        registry
          .listCertificates({ ascendingOrder: true, nextToken: tokenOf(asc) })
          .items.map((c) => c.certificateId),
      ).toEqual(ids([3, 4]));
      expect(
        registry
          .listCertificates({ caCertificateId: hexId('ca') })
          .items.map((c) => c.certificateId),
      ).toEqual(ids([1, 0]));
    });

    it('pages certificates created in the same millisecond without losing any', () => {
      const seeds = ['a', 'b', 'c', 'd', 'e'];
      for (const s of seeds) registry.insertCertificate(certInput(s));
      const seen: string[] = [];
      let token: string | undefined;
      do {
        const page = registry.listCertificates({
          maxResults: 2,
          ...(token ? { nextToken: token } : {}),
        });
        seen.push(...page.items.map((c) => c.certificateId));
        token = page.nextToken;
      } while (token);
      expect([...seen].sort()).toEqual(seeds.map(hexId).sort());
      expect(new Set(seen).size).toBe(5);
    });

    it('updates the status, bumping customerVersion, and keeps REVOKED final', () => {
      const { certificateId } = registry.insertCertificate(certInput('c1'));
      changes.length = 0;
      now = T0 + 5000;
      const inactive = registry.updateCertificateStatus(certificateId, 'INACTIVE');
      expect(inactive).toMatchObject({
        status: 'INACTIVE',
        customerVersion: 2,
        lastModifiedDate: T0 + 5000,
      });
      expect(registry.getCertificate(certificateId)).toEqual(inactive);
      expect(registry.updateCertificateStatus(certificateId, 'INACTIVE').customerVersion).toBe(2);
      registry.updateCertificateStatus(certificateId, 'REVOKED');
      expectError(
        () => registry.updateCertificateStatus(certificateId, 'ACTIVE'),
        'CONFLICT',
        /REVOKED/,
      );
      expect(changes).toEqual([
        { type: 'certificate', certificateId, status: 'INACTIVE' },
        { type: 'certificate', certificateId, status: 'REVOKED' },
      ]);
      expectError(() => registry.updateCertificateStatus(hexId('x'), 'ACTIVE'), 'NOT_FOUND');
    });

    it('applies AWS DeleteCertificate rules: not ACTIVE, no things, policies only with force', () => {
      const cert = registry.insertCertificate(certInput('c1'));
      registry.createThing({ thingName: 't' });
      registry.createPolicy('p', DOC);
      registry.attachPolicy('p', cert.certificateArn);
      registry.attachThingPrincipal('t', cert.certificateArn);
      expectError(
        () => registry.deleteCertificate(cert.certificateId, { force: true }),
        'CONFLICT',
        /Certificate must be deactivated \(not ACTIVE\) before deletion/,
      );
      registry.updateCertificateStatus(cert.certificateId, 'INACTIVE');
      expectError(
        () => registry.deleteCertificate(cert.certificateId, { force: true }),
        'CONFLICT',
        /Things must be detached before deletion/,
      );
      registry.detachThingPrincipal('t', cert.certificateArn);
      expectError(
        () => registry.deleteCertificate(cert.certificateId),
        'CONFLICT',
        /policies must be detached/,
      );
      changes.length = 0;
      registry.deleteCertificate(cert.certificateId, { force: true });
      expect(registry.getCertificate(cert.certificateId)).toBeUndefined();
      expect(registry.listTargetsForPolicy('p').items).toEqual([]);
      expect(changes).toEqual([
        { type: 'policyAttachment', policyName: 'p', target: cert.certificateArn },
        { type: 'certificate', certificateId: cert.certificateId, status: 'DELETED' },
      ]);
      expectError(() => registry.deleteCertificate(cert.certificateId), 'NOT_FOUND');
    });
  });

  describe('CA certificates', () => {
    it('inserts, reads, lists, updates and deletes (only when INACTIVE)', () => {
      const id = hexId('ca1');
      const ca = registry.insertCaCertificate({
        caCertificateId: id,
        caCertificateArn: `arn:aws:iot:${REGION}:${ACCOUNT}:cacert/${id}`,
        caCertificatePem: 'PEM',
        status: 'ACTIVE',
        autoRegistrationStatus: 'DISABLE',
        registrationConfig: { templateName: 'jitp' },
        certificateMode: 'DEFAULT',
        creationDate: T0,
      });
      expect(ca).toMatchObject({
        caCertificateArn: `arn:aws:iot:${REGION}:${ACCOUNT}:cacert/${id}`,
        customerVersion: 1,
        registrationConfig: { templateName: 'jitp' },
      });
      expect(registry.getCaCertificate(id)).toEqual(ca);
      expectError(() => registry.insertCaCertificate({ ...ca }), 'ALREADY_EXISTS');
      expect(registry.listCaCertificates().items).toEqual([ca]);
      expectError(() => registry.deleteCaCertificate(id), 'CONFLICT', /ACTIVE/);
      const updated = registry.updateCaCertificate(id, {
        status: 'INACTIVE',
        autoRegistrationStatus: 'ENABLE',
      });
      expect(updated).toMatchObject({
        status: 'INACTIVE',
        autoRegistrationStatus: 'ENABLE',
        customerVersion: 2,
        registrationConfig: { templateName: 'jitp' },
      });
      registry.deleteCaCertificate(id);
      expect(registry.getCaCertificate(id)).toBeUndefined();
      expectError(() => registry.updateCaCertificate(id, { status: 'ACTIVE' }), 'NOT_FOUND');
      expectError(() => registry.deleteCaCertificate(id), 'NOT_FOUND');
      expect(changes.filter((c) => c.type === 'caCertificate')).toHaveLength(3);
    });

    it('pages CA certificates', () => {
      for (const s of ['a', 'b', 'c']) {
        const id = hexId(s);
        registry.insertCaCertificate({
          caCertificateId: id,
          caCertificateArn: '',
          caCertificatePem: s,
          status: 'ACTIVE',
          autoRegistrationStatus: 'DISABLE',
          certificateMode: 'DEFAULT',
          creationDate: T0,
        });
      }
      const p1 = registry.listCaCertificates({ maxResults: 2 });
      const p2 = registry.listCaCertificates({ maxResults: 2, nextToken: tokenOf(p1) });
      expect([...p1.items, ...p2.items].map((c) => c.caCertificateId)).toEqual(
        ['a', 'b', 'c'].map(hexId).sort(),
      );
      expect(p2.nextToken).toBeUndefined();
    });
  });

  describe('policies', () => {
    it('creates a policy with version 1 as default, and refuses duplicates and bad names', () => {
      const policy = registry.createPolicy('device-policy', DOC);
      expect(policy).toEqual({
        policyName: 'device-policy',
        policyArn: `arn:aws:iot:${REGION}:${ACCOUNT}:policy/device-policy`,
        defaultVersionId: '1',
        versions: [{ versionId: '1', document: DOC, isDefaultVersion: true, createDate: T0 }],
        creationDate: T0,
        lastModifiedDate: T0,
        generationId: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(registry.getPolicy('device-policy')).toEqual(policy);
      expectError(
        () => registry.createPolicy('device-policy', DOC),
        'ALREADY_EXISTS',
        /name already exists \(name=device-policy\)/,
      );
      expectError(
        () => registry.createPolicy('bad name', DOC),
        'INVALID_REQUEST',
        /Unexpected policy name "bad name", expected/,
      );
      expect(registry.getPolicy('missing')).toBeUndefined();
    });

    it('manages versions: at most 5, default switching, no deleting the default', () => {
      const created = registry.createPolicy('p', DOC);
      now = T0 + 1000;
      const v2 = registry.createPolicyVersion('p', '{"v":2}', false);
      expect(v2).toEqual({
        versionId: '2',
        document: '{"v":2}',
        isDefaultVersion: false,
        createDate: T0 + 1000,
      });
      const v3 = registry.createPolicyVersion('p', '{"v":3}', true);
      expect(v3.isDefaultVersion).toBe(true);
      const afterV3 = registry.getPolicy('p');
      expect(afterV3?.defaultVersionId).toBe('3');
      expect(afterV3?.generationId).not.toBe(created.generationId);
      expect(afterV3?.versions.map((v) => [v.versionId, v.isDefaultVersion])).toEqual([
        ['1', false],
        ['2', false],
        ['3', true],
      ]);
      registry.createPolicyVersion('p', '{"v":4}', false);
      registry.createPolicyVersion('p', '{"v":5}', false);
      expectError(
        () => registry.createPolicyVersion('p', '{"v":6}', false),
        'LIMIT_EXCEEDED',
        /maximum number of versions \(5\)/,
      );
      expectError(() => registry.deletePolicyVersion('p', '3'), 'CONFLICT', /default version/);
      registry.deletePolicyVersion('p', '1');
      // Version ids are never reused after a deletion.
      expect(registry.createPolicyVersion('p', '{"v":6}', false).versionId).toBe('6');
      registry.setDefaultPolicyVersion('p', '6');
      expect(registry.getPolicy('p')?.defaultVersionId).toBe('6');
      expectError(() => registry.setDefaultPolicyVersion('p', '1'), 'NOT_FOUND', /no version "1"/);
      expectError(() => registry.setDefaultPolicyVersion('p', 'abc'), 'INVALID_REQUEST');
      expectError(() => registry.createPolicyVersion('missing', DOC, true), 'NOT_FOUND');
      expectError(() => registry.deletePolicyVersion('p', '99'), 'NOT_FOUND');
    });

    it('applies AWS DeletePolicy rules: not attached, no non-default versions', () => {
      registry.createPolicy('p', DOC);
      const cert = registry.insertCertificate(certInput('c1'));
      registry.attachPolicy('p', cert.certificateArn);
      expectError(
        () => registry.deletePolicy('p'),
        'CONFLICT',
        /attached to one or more principals \(name=p\)/,
      );
      registry.detachPolicy('p', cert.certificateArn);
      registry.createPolicyVersion('p', '{"v":2}', true);
      expectError(() => registry.deletePolicy('p'), 'CONFLICT', /one or more policy versions/);
      registry.deletePolicyVersion('p', '1');
      changes.length = 0;
      registry.deletePolicy('p');
      expect(registry.getPolicy('p')).toBeUndefined();
      expect(changes).toEqual([{ type: 'policy', policyName: 'p' }]);
      expectError(() => registry.deletePolicy('p'), 'NOT_FOUND');
    });

    it('lists policies with pagination', () => {
      for (const n of ['c', 'a', 'b']) registry.createPolicy(n, DOC);
      const p1 = registry.listPolicies({ maxResults: 2 });
      expect(p1.items.map((p) => p.policyName)).toEqual(['a', 'b']);
      const p2 = registry.listPolicies({ maxResults: 2, nextToken: tokenOf(p1) });
      expect(p2.items.map((p) => p.policyName)).toEqual(['c']);
      expect(p2.nextToken).toBeUndefined();
    });
  });

  describe('attachments', () => {
    it('attaches and detaches policies to certificates and Cognito identities, idempotently', () => {
      registry.createPolicy('p1', DOC);
      registry.createPolicy('p2', DOC);
      const cert = registry.insertCertificate(certInput('c1'));
      const identity = `${REGION}:0d3b1f8c-1111-2222-3333-444455556666`;
      changes.length = 0;
      registry.attachPolicy('p1', cert.certificateArn);
      registry.attachPolicy('p1', cert.certificateArn);
      registry.attachPolicy('p2', cert.certificateArn);
      registry.attachPolicy('p1', identity);
      expect(changes).toEqual([
        { type: 'policyAttachment', policyName: 'p1', target: cert.certificateArn },
        { type: 'policyAttachment', policyName: 'p2', target: cert.certificateArn },
        { type: 'policyAttachment', policyName: 'p1', target: identity },
      ]);
      expect(
        registry.listAttachedPolicies(cert.certificateArn).items.map((p) => p.policyName),
      ).toEqual(['p1', 'p2']);
      expect(registry.listAttachedPolicies(cert.certificateArn).items[0]).toEqual(
        registry.getPolicy('p1'),
      );
      expect(registry.listTargetsForPolicy('p1').items).toEqual(
        [cert.certificateArn, identity].sort(),
      );
      const paged = registry.listAttachedPolicies(cert.certificateArn, { maxResults: 1 });
      expect(paged.items.map((p) => p.policyName)).toEqual(['p1']);
      expect(
        registry
          .listAttachedPolicies(cert.certificateArn, { nextToken: tokenOf(paged) })
          .items.map((p) => p.policyName),
      ).toEqual(['p2']);
      changes.length = 0;
      registry.detachPolicy('p1', cert.certificateArn);
      registry.detachPolicy('p1', cert.certificateArn);
      expect(changes).toEqual([
        { type: 'policyAttachment', policyName: 'p1', target: cert.certificateArn },
      ]);
      expect(registry.listTargetsForPolicy('p1').items).toEqual([identity]);
    });

    it('answers NOT_FOUND for unknown policies, certificates and foreign certificate ARNs', () => {
      registry.createPolicy('p', DOC);
      const cert = registry.insertCertificate(certInput('c1'));
      expectError(
        () => registry.attachPolicy('missing', cert.certificateArn),
        'NOT_FOUND',
        /Policy "missing"/,
      );
      expectError(
        () => registry.attachPolicy('p', `arn:aws:iot:${REGION}:${ACCOUNT}:cert/${hexId('zz')}`),
        'NOT_FOUND',
      );
      expectError(
        () =>
          registry.attachPolicy('p', `arn:aws:iot:us-east-1:${ACCOUNT}:cert/${cert.certificateId}`),
        'NOT_FOUND',
      );
      expectError(
        () => registry.attachPolicy('p', `arn:aws:iot:${REGION}:${ACCOUNT}:cert/short`),
        'INVALID_REQUEST',
      );
      expectError(() => registry.attachPolicy('p', ''), 'INVALID_REQUEST');
      expectError(() => registry.detachPolicy('missing', cert.certificateArn), 'NOT_FOUND');
      expectError(() => registry.listTargetsForPolicy('missing'), 'NOT_FOUND');
      expectError(
        () => registry.listAttachedPolicies(`arn:aws:iot:${REGION}:${ACCOUNT}:cert/${hexId('zz')}`),
        'NOT_FOUND',
      );
    });

    it('limits a target to 10 policies', () => {
      const cert = registry.insertCertificate(certInput('c1'));
      for (let i = 0; i < 11; i++) registry.createPolicy(`p${i}`, DOC);
      for (let i = 0; i < 10; i++) registry.attachPolicy(`p${i}`, cert.certificateArn);
      expectError(
        () => registry.attachPolicy('p10', cert.certificateArn),
        'LIMIT_EXCEEDED',
        /10 policies/,
      );
      expect(() => registry.attachPolicy('p0', cert.certificateArn)).not.toThrow();
    });

    it('attaches things to principals and lists both ways', () => {
      registry.createThing({ thingName: 't1' });
      registry.createThing({ thingName: 't2' });
      const cert = registry.insertCertificate(certInput('c1'));
      changes.length = 0;
      registry.attachThingPrincipal('t1', cert.certificateArn);
      registry.attachThingPrincipal('t1', cert.certificateArn);
      registry.attachThingPrincipal('t2', cert.certificateArn);
      expect(changes).toEqual([
        { type: 'thingPrincipal', thingName: 't1', principal: cert.certificateArn },
        { type: 'thingPrincipal', thingName: 't2', principal: cert.certificateArn },
      ]);
      expect(registry.listThingPrincipals('t1').items).toEqual([cert.certificateArn]);
      const p1 = registry.listPrincipalThings(cert.certificateArn, { maxResults: 1 });
      expect(p1.items).toEqual(['t1']);
      expect(
        registry.listPrincipalThings(cert.certificateArn, { nextToken: tokenOf(p1) }).items,
      ).toEqual(['t2']);
      registry.detachThingPrincipal('t1', cert.certificateArn);
      expect(registry.listThingPrincipals('t1').items).toEqual([]);
      expectError(
        () => registry.attachThingPrincipal('missing', cert.certificateArn),
        'NOT_FOUND',
        /Thing "missing"/,
      );
      expectError(
        () =>
          registry.attachThingPrincipal(
            't1',
            `arn:aws:iot:${REGION}:${ACCOUNT}:cert/${hexId('zz')}`,
          ),
        'NOT_FOUND',
      );
      expectError(() => registry.listThingPrincipals('missing'), 'NOT_FOUND');
      expectError(() => registry.detachThingPrincipal('missing', cert.certificateArn), 'NOT_FOUND');
    });
  });

  describe('retained messages', () => {
    it('stores, replaces, reads, lists and deletes retained messages', () => {
      const payload = new TextEncoder().encode('{"state":"idle"}');
      registry.putRetained({ topic: 'amr/r1/status', payload, qos: 1, lastModifiedTime: T0 });
      registry.putRetained({
        topic: 'amr/r0/status',
        payload: new Uint8Array([0, 255, 1]),
        qos: 0,
        lastModifiedTime: T0,
      });
      const got = registry.getRetained('amr/r1/status');
      expect(got).toMatchObject({ topic: 'amr/r1/status', qos: 1, lastModifiedTime: T0 });
      expect(got?.payload).toBeInstanceOf(Uint8Array);
      expect(new TextDecoder().decode(got?.payload)).toBe('{"state":"idle"}');
      expect([...(registry.getRetained('amr/r0/status')?.payload ?? [])]).toEqual([0, 255, 1]);
      registry.putRetained({
        topic: 'amr/r1/status',
        payload: new Uint8Array([7]),
        qos: 0,
        lastModifiedTime: T0 + 1,
      });
      expect(registry.getRetained('amr/r1/status')).toMatchObject({
        qos: 0,
        lastModifiedTime: T0 + 1,
      });
      const p1 = registry.listRetained({ maxResults: 1 });
      expect(p1.items).toEqual([
        { topic: 'amr/r0/status', qos: 0, lastModifiedTime: T0, payloadSize: 3 },
      ]);
      expect(registry.listRetained({ nextToken: tokenOf(p1) }).items).toEqual([
        { topic: 'amr/r1/status', qos: 0, lastModifiedTime: T0 + 1, payloadSize: 1 },
      ]);
      registry.deleteRetained('amr/r1/status');
      expect(registry.getRetained('amr/r1/status')).toBeUndefined();
      expect(() => registry.deleteRetained('never')).not.toThrow();
    });
  });

  describe('shadows', () => {
    const shadow = (version: number, deletedAt?: number): StoredShadow => ({
      state: { desired: { speed: 1 }, reported: { speed: 0 } },
      metadata: { desired: { speed: { timestamp: 1 } }, reported: { speed: { timestamp: 1 } } },
      version,
      ...(deletedAt === undefined ? {} : { deletedAt }),
    });

    it('stores classic and named shadows and lists named ones that are not deleted', () => {
      registry.putShadow('r1', '', shadow(1));
      registry.putShadow('r1', 'config', shadow(2));
      registry.putShadow('r1', 'battery', shadow(3));
      registry.putShadow('r1', 'old', shadow(4, 1_700_000_000));
      registry.putShadow('r2', 'other', shadow(1));
      expect(registry.getShadow('r1', '')).toEqual(shadow(1));
      expect(registry.getShadow('r1', 'old')).toEqual(shadow(4, 1_700_000_000));
      expect(registry.getShadow('r1', 'missing')).toBeUndefined();
      const p1 = registry.listNamedShadows('r1', { maxResults: 1 });
      expect(p1.items).toEqual(['battery']);
      expect(registry.listNamedShadows('r1', { nextToken: tokenOf(p1) }).items).toEqual(['config']);
      registry.putShadow('r1', 'config', shadow(5));
      expect(registry.getShadow('r1', 'config')?.version).toBe(5);
      registry.putShadow('r1', 'old', shadow(5));
      expect(registry.listNamedShadows('r1').items).toEqual(['battery', 'config', 'old']);
    });
  });

  describe('transactions and change events', () => {
    it('commits all writes of a transaction and delivers events after the outermost commit', () => {
      const seenInside: number[] = [];
      const result = registry.transaction(() => {
        registry.createThing({ thingName: 'a' });
        registry.transaction(() => registry.createThing({ thingName: 'b' }));
        seenInside.push(changes.length);
        return 42;
      });
      expect(result).toBe(42);
      expect(seenInside).toEqual([0]);
      expect(changes).toEqual([
        { type: 'thing', thingName: 'a' },
        { type: 'thing', thingName: 'b' },
      ]);
    });

    it('persists nothing and emits nothing when the transaction throws', () => {
      expect(() =>
        registry.transaction(() => {
          registry.createThing({ thingName: 'a' });
          registry.createPolicy('p', DOC);
          registry.insertCertificate(certInput('c1'));
          throw new Error('boom');
        }),
      ).toThrow('boom');
      expect(registry.getThing('a')).toBeUndefined();
      expect(registry.getPolicy('p')).toBeUndefined();
      expect(registry.getCertificate(hexId('c1'))).toBeUndefined();
      expect(changes).toEqual([]);
    });

    it('drops only the events of a nested transaction that rolled back', () => {
      registry.transaction(() => {
        registry.createThing({ thingName: 'kept' });
        try {
          registry.transaction(() => {
            registry.createThing({ thingName: 'dropped' });
            throw new Error('inner');
          });
        } catch {
          // the outer transaction carries on
        }
      });
      expect(registry.getThing('kept')).toBeDefined();
      expect(registry.getThing('dropped')).toBeUndefined();
      expect(changes).toEqual([{ type: 'thing', thingName: 'kept' }]);
    });

    it('rolls back a method whose AWS rule fails half-way (no partial writes)', () => {
      const cert = registry.insertCertificate(certInput('c1', { status: 'INACTIVE' }));
      registry.createPolicy('p', DOC);
      registry.attachPolicy('p', cert.certificateArn);
      registry.createThing({ thingName: 't' });
      registry.attachThingPrincipal('t', cert.certificateArn);
      expectError(
        () => registry.deleteCertificate(cert.certificateId, { force: true }),
        'CONFLICT',
      );
      expect(registry.listAttachedPolicies(cert.certificateArn).items).toHaveLength(1);
    });

    it('unsubscribes listeners and keeps going when a listener throws', () => {
      const other: RegistryChange[] = [];
      const off = registry.onChange(() => {
        throw new Error('listener');
      });
      registry.onChange((c) => other.push(c));
      registry.createThing({ thingName: 'a' });
      off();
      registry.createThing({ thingName: 'b' });
      expect(other.map((c) => (c.type === 'thing' ? c.thingName : ''))).toEqual(['a', 'b']);
    });

    it('lets close be called twice', () => {
      registry.close();
      expect(() => registry.close()).not.toThrow();
    });
  });
});
