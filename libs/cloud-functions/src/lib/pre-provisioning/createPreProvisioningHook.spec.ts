import { createInMemoryIot } from '../../testing/createInMemoryIot.js';
import { CloudFunctionError } from '../errors/CloudFunctionError.js';
import { createPreProvisioningHook } from './createPreProvisioningHook.js';
import type { PreProvisioningHookInput } from '@iot-gateway-net/provisioning-templates';

const NOW = new Date('2026-11-22T00:00:00Z');
const DAY = 86_400_000;
const clock = { now: () => NOW };

function input(parameters: Record<string, string>): PreProvisioningHookInput {
  return {
    claimCertificateId: 'c'.repeat(64),
    certificateId: 'd'.repeat(64),
    certificatePem: '-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n',
    templateArn: 'arn:aws:iot:ap-northeast-1:123456789012:provisioningtemplate/amr-fleet',
    clientId: 'amr-001',
    parameters,
  };
}

async function robotWith(
  certificate:
    | { status: 'ACTIVE' | 'INACTIVE' | 'REVOKED'; notBefore: Date; notAfter: Date }
    | undefined,
) {
  const iot = createInMemoryIot({ clock });
  if (certificate !== undefined) {
    await iot.port.createThing('amr-001');
    const registered = iot.registerCertificate({
      ...certificate,
      creationDate: certificate.notBefore,
    });
    await iot.port.attachThingPrincipal('amr-001', registered.certificateArn);
  }
  const logs: { event: string; fields: Readonly<Record<string, unknown>> }[] = [];
  const hook = createPreProvisioningHook({
    allowedSerials: (serial) => serial === 'amr-001' || serial === 'amr-002',
    iot: iot.port,
    clock,
    log: (event, fields) => logs.push({ event, fields }),
  });
  return { iot, hook, logs };
}

describe('createPreProvisioningHook', () => {
  it('allows an allowlisted serial with no thing yet', async () => {
    const { hook, logs } = await robotWith(undefined);
    await expect(hook(input({ SerialNumber: 'amr-001' }))).resolves.toEqual({
      allowProvisioning: true,
    });
    expect(logs.map((l) => l.event)).toEqual(['provisioning.hook.allowed']);
  });

  it('denies a serial outside the allowlist and says why', async () => {
    const { hook, logs } = await robotWith(undefined);
    await expect(hook(input({ SerialNumber: 'amr-999' }))).resolves.toEqual({
      allowProvisioning: false,
    });
    expect(logs[0]).toMatchObject({
      event: 'provisioning.hook.denied',
      fields: { reason: 'Serial "amr-999" is not in the allowlist' },
    });
  });

  it('denies a request without the serial parameter', async () => {
    const { hook, logs } = await robotWith(undefined);
    await expect(hook(input({ serial: 'amr-001' }))).resolves.toEqual({ allowProvisioning: false });
    expect(logs[0]?.fields['reason']).toBe('Missing parameter "SerialNumber"');
  });

  it('uses serialParameter, thingNameFor, an async allowlist and parameterOverrides', async () => {
    const iot = createInMemoryIot({ clock });
    const hook = createPreProvisioningHook({
      allowedSerials: (serial) => Promise.resolve(serial === '001'),
      serialParameter: 'serial',
      thingNameFor: (serial) => `amr-${serial}`,
      parameterOverrides: ({ thingName }) => ({ ThingName: thingName }),
      iot: iot.port,
      clock,
    });
    await expect(hook(input({ serial: '001' }))).resolves.toEqual({
      allowProvisioning: true,
      parameterOverrides: { ThingName: 'amr-001' },
    });
    expect(iot.calls).toContainEqual({ operation: 'ListThingPrincipals', args: ['amr-001'] });
  });

  it('denies a serial that maps to an invalid thing name', async () => {
    const iot = createInMemoryIot({ clock });
    const hook = createPreProvisioningHook({
      allowedSerials: () => true,
      thingNameFor: (serial) => `amr/${serial}`,
      iot: iot.port,
      clock,
    });
    await expect(hook(input({ SerialNumber: '1' }))).resolves.toEqual({ allowProvisioning: false });
  });

  describe('rotation gate', () => {
    it('denies when the robot has a healthy ACTIVE certificate (stolen claim certificate)', async () => {
      const { hook, logs } = await robotWith({
        status: 'ACTIVE',
        notBefore: new Date(NOW.getTime() - 100 * DAY),
        notAfter: new Date(NOW.getTime() + 265 * DAY),
      });
      await expect(hook(input({ SerialNumber: 'amr-001' }))).resolves.toEqual({
        allowProvisioning: false,
      });
      expect(String(logs[0]?.fields['reason'])).toContain('not due for renewal');
    });

    it('allows within the renewal lead time before notAfter', async () => {
      const { hook } = await robotWith({
        status: 'ACTIVE',
        notBefore: new Date(NOW.getTime() - 340 * DAY),
        notAfter: new Date(NOW.getTime() + 25 * DAY),
      });
      await expect(hook(input({ SerialNumber: 'amr-001' }))).resolves.toEqual({
        allowProvisioning: true,
      });
    });

    it('allows a certificate past maxAgeDays minus the lead, whatever its notAfter', async () => {
      const { hook } = await robotWith({
        status: 'ACTIVE',
        notBefore: new Date(NOW.getTime() - 340 * DAY),
        notAfter: new Date(NOW.getTime() + 1000 * DAY),
      });
      await expect(hook(input({ SerialNumber: 'amr-001' }))).resolves.toEqual({
        allowProvisioning: true,
      });
    });

    it('denies one day before the lead time starts', async () => {
      const { hook } = await robotWith({
        status: 'ACTIVE',
        notBefore: new Date(NOW.getTime() - 334 * DAY),
        notAfter: new Date(NOW.getTime() + 31 * DAY),
      });
      await expect(hook(input({ SerialNumber: 'amr-001' }))).resolves.toEqual({
        allowProvisioning: false,
      });
    });

    it('allows an expired certificate', async () => {
      const { hook } = await robotWith({
        status: 'ACTIVE',
        notBefore: new Date(NOW.getTime() - 400 * DAY),
        notAfter: new Date(NOW.getTime() - 35 * DAY),
      });
      await expect(hook(input({ SerialNumber: 'amr-001' }))).resolves.toEqual({
        allowProvisioning: true,
      });
    });

    it.each(['INACTIVE', 'REVOKED'] as const)(
      'allows when the certificate is %s',
      async (status) => {
        const { hook } = await robotWith({
          status,
          notBefore: new Date(NOW.getTime() - 10 * DAY),
          notAfter: new Date(NOW.getTime() + 355 * DAY),
        });
        await expect(hook(input({ SerialNumber: 'amr-001' }))).resolves.toEqual({
          allowProvisioning: true,
        });
      },
    );

    it('honours custom renewalLeadDays and maxAgeDays', async () => {
      const iot = createInMemoryIot({ clock });
      await iot.port.createThing('amr-001');
      const c = iot.registerCertificate({
        status: 'ACTIVE',
        notBefore: new Date(NOW.getTime() - 5 * DAY),
        notAfter: new Date(NOW.getTime() + 360 * DAY),
      });
      await iot.port.attachThingPrincipal('amr-001', c.certificateArn);
      const hook = createPreProvisioningHook({
        allowedSerials: () => true,
        iot: iot.port,
        clock,
        rotation: { renewalLeadDays: 2, maxAgeDays: 7 },
      });
      await expect(hook(input({ SerialNumber: 'amr-001' }))).resolves.toEqual({
        allowProvisioning: true,
      });
    });
  });

  it('rejects invalid rotation options', () => {
    const iot = createInMemoryIot({ clock });
    expect(() =>
      createPreProvisioningHook({
        allowedSerials: () => true,
        iot: iot.port,
        clock,
        rotation: { renewalLeadDays: 400 },
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }) as Error);
  });

  it('throws INVALID_EVENT for input that is not AWS hook input', async () => {
    const { hook } = await robotWith(undefined);
    const error: unknown = await hook({
      parameters: {},
    } as unknown as PreProvisioningHookInput).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CloudFunctionError);
    expect(error).toMatchObject({ code: 'INVALID_EVENT' });
    expect((error as Error).message).toContain('claimCertificateId');
  });
});
