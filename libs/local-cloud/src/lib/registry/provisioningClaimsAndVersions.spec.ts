import type { LocalCloudError } from '../errors/LocalCloudError.js';
import { createRegistry } from './createRegistry.js';
import type { CertificateRecord, Registry } from './types.js';

const REGION = 'ap-northeast-1';
const ACCOUNT = '123456789012';
const BODY = '{"Resources":{}}';

describe('createRegistry: template versions and expired provisioning claims', () => {
  let registry: Registry;
  let now: number;

  beforeEach(() => {
    now = Date.UTC(2026, 0, 2);
    registry = createRegistry({
      path: ':memory:',
      region: REGION,
      accountId: ACCOUNT,
      clock: { now: () => now },
    });
  });

  afterEach(() => registry.close());

  const certificate = (
    digit: string,
    origin: CertificateRecord['origin'],
    expiresAt: number | undefined,
  ): void => {
    const certificateId = digit.repeat(64);
    registry.insertCertificate({
      certificateId,
      certificateArn: `arn:aws:iot:${REGION}:${ACCOUNT}:cert/${certificateId}`,
      certificatePem: 'PEM',
      status: 'ACTIVE',
      creationDate: now,
      notBefore: now,
      notAfter: now + 600_000,
      certificateMode: 'DEFAULT',
      origin,
      ...(expiresAt === undefined ? {} : { expiresAt }),
    });
  };

  it('lists expired claims only, by expiry then id, page by page after a cursor', () => {
    certificate('c', 'provisioning-claim', now + 300_000);
    certificate('a', 'provisioning-claim', now + 300_000);
    certificate('b', 'provisioning-claim', now + 100_000);
    certificate('d', 'provisioning-claim', now + 900_000);
    // Not a claim: never listed, whatever its expiry.
    certificate('e', 'api', now);

    expect(registry.listExpiredProvisioningClaims(now + 99_999)).toEqual([]);
    const cutoff = now + 300_000;
    const seen: string[] = [];
    let page = registry.listExpiredProvisioningClaims(cutoff, { limit: 1 });
    while (page.length > 0) {
      seen.push(...page.map((c) => c.certificateId[0] ?? ''));
      const last = page[page.length - 1];
      page = registry.listExpiredProvisioningClaims(cutoff, {
        limit: 1,
        ...(last === undefined ? {} : { after: last }),
      });
    }
    expect(seen).toEqual(['b', 'a', 'c']);
  });

  it('numbers versions after the highest id ever given and keeps the default on request', () => {
    registry.createProvisioningTemplate({
      templateName: 'amr-fleet',
      templateBody: BODY,
      provisioningRoleArn: 'arn:aws:iam::123456789012:role/provisioning',
    });
    now += 1_000;
    const v2 = registry.createProvisioningTemplateVersion('amr-fleet', { templateBody: '{"v":2}' });
    expect(v2).toEqual({
      versionId: 2,
      body: '{"v":2}',
      isDefaultVersion: false,
      creationDate: now,
    });
    expect(registry.getProvisioningTemplate('amr-fleet')).toMatchObject({
      defaultVersionId: 1,
      templateBody: BODY,
      lastModifiedDate: now,
    });
    registry.createProvisioningTemplateVersion('amr-fleet', {
      templateBody: '{"v":3}',
      setAsDefault: true,
    });
    expect(registry.getProvisioningTemplate('amr-fleet')?.templateBody).toBe('{"v":3}');
    expect(() => registry.deleteProvisioningTemplateVersion('amr-fleet', 3)).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }) as LocalCloudError,
    );
    registry.deleteProvisioningTemplateVersion('amr-fleet', 2);
    expect(registry.getProvisioningTemplateVersion('amr-fleet', 2)).toBeUndefined();
    expect(
      registry.createProvisioningTemplateVersion('amr-fleet', { templateBody: '{"v":4}' })
        .versionId,
    ).toBe(4);
    expect(
      registry.listProvisioningTemplateVersions('amr-fleet').items.map((v) => v.versionId),
    ).toEqual([1, 3, 4]);
    expect(() => registry.listProvisioningTemplateVersions('missing')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }) as LocalCloudError,
    );
  });
});
