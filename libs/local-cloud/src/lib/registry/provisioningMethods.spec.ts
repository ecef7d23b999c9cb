import { createHash } from 'node:crypto';
import type { LocalCloudError } from '../errors/LocalCloudError.js';
import { createRegistry } from './createRegistry.js';
import type { Registry } from './types.js';

const REGION = 'ap-northeast-1';
const ACCOUNT = '123456789012';
const CERT_ID = 'a'.repeat(64);
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

describe('createRegistry: ownership tokens and provisioning templates', () => {
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
    registry.insertCertificate({
      certificateId: CERT_ID,
      certificateArn: `arn:aws:iot:${REGION}:${ACCOUNT}:cert/${CERT_ID}`,
      certificatePem: 'PEM',
      status: 'PENDING_ACTIVATION',
      creationDate: now,
      notBefore: now,
      notAfter: now + 1,
      certificateMode: 'DEFAULT',
      origin: 'fleet-provisioning',
    });
  });

  afterEach(() => registry.close());

  it('stores a token bound to its certificate, single use, and drops it with the certificate', () => {
    const tokenHash = hash('t1');
    registry.insertOwnershipToken({
      tokenHash,
      certificateId: CERT_ID,
      createdAt: now,
      expiresAt: now + 3_600_000,
    });
    expect(registry.listExpiredOwnershipTokens(now + 3_599_999)).toEqual([]);
    expect(registry.listExpiredOwnershipTokens(now + 3_600_000)).toHaveLength(1);
    registry.markOwnershipTokenUsed(tokenHash, now + 5);
    expect(registry.getOwnershipToken(tokenHash)?.usedAt).toBe(now + 5);
    expect(() => registry.markOwnershipTokenUsed(tokenHash, now + 6)).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }) as LocalCloudError,
    );
    registry.deleteCertificate(CERT_ID);
    expect(registry.getOwnershipToken(tokenHash)).toBeUndefined();
  });

  it('refuses a token for an unknown certificate or with a malformed hash', () => {
    expect(() =>
      registry.insertOwnershipToken({
        tokenHash: hash('t2'),
        certificateId: 'b'.repeat(64),
        createdAt: now,
        expiresAt: now + 1,
      }),
    ).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }) as LocalCloudError);
    expect(() =>
      registry.insertOwnershipToken({
        tokenHash: 'plain-token',
        certificateId: CERT_ID,
        createdAt: now,
        expiresAt: now + 1,
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST' }) as LocalCloudError);
  });

  it('creates, reads, lists, updates and deletes provisioning templates', () => {
    const created = registry.createProvisioningTemplate({
      templateName: 'amr-fleet',
      templateBody: '{"Resources":{}}',
      provisioningRoleArn: `arn:aws:iam::${ACCOUNT}:role/p`,
    });
    expect(created).toMatchObject({
      templateArn: `arn:aws:iot:${REGION}:${ACCOUNT}:provisioningtemplate/amr-fleet`,
      enabled: false,
      type: 'FLEET_PROVISIONING',
      defaultVersionId: 1,
      templateBody: '{"Resources":{}}',
      versions: [{ versionId: 1, isDefaultVersion: true }],
    });
    expect(() =>
      registry.createProvisioningTemplate({
        templateName: 'amr-fleet',
        templateBody: '{}',
        provisioningRoleArn: 'r',
      }),
    ).toThrow(expect.objectContaining({ code: 'ALREADY_EXISTS' }) as LocalCloudError);
    expect(() =>
      registry.createProvisioningTemplate({
        templateName: 'bad/name',
        templateBody: '{}',
        provisioningRoleArn: 'r',
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST' }) as LocalCloudError);

    now += 1_000;
    const updated = registry.updateProvisioningTemplate('amr-fleet', {
      enabled: true,
      description: 'fleet',
      preProvisioningHook: { targetArn: 'arn:hook', payloadVersion: '2020-04-01' },
    });
    expect(updated).toMatchObject({
      enabled: true,
      description: 'fleet',
      preProvisioningHook: { targetArn: 'arn:hook', payloadVersion: '2020-04-01' },
      lastModifiedDate: now,
    });
    expect(
      registry.updateProvisioningTemplate('amr-fleet', { removePreProvisioningHook: true })
        .preProvisioningHook,
    ).toBeUndefined();
    expect(() => registry.updateProvisioningTemplate('amr-fleet', { defaultVersionId: 2 })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }) as LocalCloudError,
    );

    registry.createProvisioningTemplate({
      templateName: 'b-template',
      templateBody: '{}',
      provisioningRoleArn: 'r',
    });
    const first = registry.listProvisioningTemplates({ maxResults: 1 });
    expect(first.items.map((t) => t.templateName)).toEqual(['amr-fleet']);
    const second = registry.listProvisioningTemplates({
      maxResults: 1,
      ...(first.nextToken === undefined ? {} : { nextToken: first.nextToken }),
    });
    expect(second.items.map((t) => t.templateName)).toEqual(['b-template']);
    expect(second.nextToken).toBeUndefined();

    registry.deleteProvisioningTemplate('amr-fleet');
    expect(registry.getProvisioningTemplate('amr-fleet')).toBeUndefined();
    expect(() => registry.deleteProvisioningTemplate('amr-fleet')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }) as LocalCloudError,
    );
  });
});
