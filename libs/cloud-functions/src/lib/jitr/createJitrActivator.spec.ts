import {
  createCertificateAuthority,
  loadCertificateAuthority,
  type CertificateAuthority,
} from '@iot-gateway-net/pki';
import type { CaCertificateRegisteredEvent } from '@iot-gateway-net/topics';
import { createInMemoryIot } from '../../testing/createInMemoryIot.js';
import { CloudFunctionError } from '../errors/CloudFunctionError.js';
import { createJitrActivator } from './createJitrActivator.js';

const NOW = new Date('2026-11-22T00:00:00Z');
const clock = { now: () => NOW };
const POLICY = 'amr-production';

let ca: CertificateAuthority;

beforeAll(async () => {
  ca = await loadCertificateAuthority(
    await createCertificateAuthority({ commonName: 'Integrator CA', now: NOW }),
  );
});

async function setup(commonName: string) {
  const issued = await ca.issueKeyAndCertificate({ commonName, now: NOW });
  const iot = createInMemoryIot({ clock });
  iot.createPolicy(POLICY);
  const certificate = iot.registerCertificate({
    certificateId: issued.certificateId,
    certificatePem: issued.certificatePem,
    status: 'PENDING_ACTIVATION',
    caCertificateId: ca.certificateId,
  });
  const logs: { event: string; fields: Readonly<Record<string, unknown>> }[] = [];
  const activate = createJitrActivator({
    iot: iot.port,
    productionPolicyName: POLICY,
    clock,
    log: (event, fields) => logs.push({ event, fields }),
  });
  const event: CaCertificateRegisteredEvent = {
    certificateId: certificate.certificateId,
    caCertificateId: ca.certificateId,
    timestamp: NOW.getTime(),
    certificateStatus: 'PENDING_ACTIVATION',
    awsAccountId: '123456789012',
    certificateRegistrationTimestamp: null,
  };
  return { iot, certificate, activate, event, logs };
}

describe('createJitrActivator', () => {
  it('creates the thing, attaches policy and thing, then activates the certificate', async () => {
    const { iot, certificate, activate, event, logs } = await setup('amr-001');
    await expect(activate(event)).resolves.toEqual({
      thingName: 'amr-001',
      certificateId: certificate.certificateId,
    });
    expect(await iot.port.describeThing('amr-001')).toBeDefined();
    expect(await iot.port.listThingPrincipals('amr-001')).toEqual([certificate.certificateArn]);
    expect(await iot.port.listAttachedPolicies(certificate.certificateArn)).toEqual([POLICY]);
    expect((await iot.port.describeCertificate(certificate.certificateId))?.status).toBe('ACTIVE');
    const mutations = iot.calls
      .map((c) => c.operation)
      .filter((op) => !op.startsWith('Describe') && !op.startsWith('List'));
    expect(mutations).toEqual([
      'CreateThing',
      'AttachPolicy',
      'AttachThingPrincipal',
      'UpdateCertificate',
    ]);
    expect(logs.map((l) => l.event)).toEqual(['jitr.activated']);
  });

  it('keeps an existing thing and is idempotent on a repeated event', async () => {
    const { iot, certificate, activate, event } = await setup('amr-001');
    await iot.port.createThing('amr-001');
    await activate(event);
    await activate(event);
    expect(iot.calls.filter((c) => c.operation === 'CreateThing')).toHaveLength(1);
    expect(await iot.port.listThingPrincipals('amr-001')).toEqual([certificate.certificateArn]);
    expect((await iot.port.describeCertificate(certificate.certificateId))?.status).toBe('ACTIVE');
  });

  it.each(['amr/001', 'robot #1'])(
    'refuses a common name "%s" that is not a thing name and leaves it PENDING_ACTIVATION',
    async (commonName) => {
      const { iot, certificate, activate, event, logs } = await setup(commonName);
      const snapshot = iot.snapshot();
      const error: unknown = await activate(event).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CloudFunctionError);
      expect(error).toMatchObject({ code: 'INVALID_COMMON_NAME' });
      expect((error as Error).message).toContain(`"${commonName}"`);
      expect(iot.snapshot()).toEqual(snapshot);
      expect((await iot.port.describeCertificate(certificate.certificateId))?.status).toBe(
        'PENDING_ACTIVATION',
      );
      expect(logs[0]).toMatchObject({
        event: 'jitr.refused',
        fields: { code: 'INVALID_COMMON_NAME' },
      });
    },
  );

  it('takes the thing name from thingNameFrom when given', async () => {
    const { iot, certificate, event } = await setup('device 42');
    const activate = createJitrActivator({
      iot: iot.port,
      productionPolicyName: POLICY,
      clock,
      log: () => undefined,
      thingNameFrom: (parsed) => `amr-${parsed.commonName?.split(' ')[1] ?? ''}`,
    });
    await expect(activate(event)).resolves.toEqual({
      thingName: 'amr-42',
      certificateId: certificate.certificateId,
    });
  });

  it.each(['REVOKED', 'INACTIVE'] as const)(
    'does not reactivate a %s certificate',
    async (status) => {
      const { iot, certificate, activate, event } = await setup('amr-001');
      await iot.port.updateCertificate(certificate.certificateId, status);
      const snapshot = iot.snapshot();
      await expect(activate(event)).rejects.toMatchObject({ code: 'CERTIFICATE_NOT_ACTIVATABLE' });
      expect(iot.snapshot()).toEqual(snapshot);
    },
  );

  it('refuses a certificate registered with another CA', async () => {
    const { activate, event } = await setup('amr-001');
    await expect(activate({ ...event, caCertificateId: 'a'.repeat(64) })).rejects.toMatchObject({
      code: 'CERTIFICATE_NOT_ACTIVATABLE',
    });
  });

  it('refuses an unknown certificate', async () => {
    const { activate, event } = await setup('amr-001');
    await expect(activate({ ...event, certificateId: 'b'.repeat(64) })).rejects.toMatchObject({
      code: 'CERTIFICATE_NOT_FOUND',
    });
  });

  it('throws INVALID_EVENT for an event that is not a registration event', async () => {
    const { activate, event } = await setup('amr-001');
    const bad = {
      ...event,
      certificateStatus: 'ACTIVE',
    } as unknown as CaCertificateRegisteredEvent;
    await expect(activate(bad)).rejects.toMatchObject({ code: 'INVALID_EVENT' });
  });

  it('rejects an empty productionPolicyName', () => {
    const iot = createInMemoryIot({ clock });
    expect(() =>
      createJitrActivator({ iot: iot.port, productionPolicyName: '', clock, log: () => undefined }),
    ).toThrow(CloudFunctionError);
  });
});
