import { rotationCommitTopic } from '@iot-gateway-net/topics';
import { createInMemoryIot } from '../../testing/createInMemoryIot.js';
import type { PreProvisioningHookInput } from '@iot-gateway-net/provisioning-templates';
import { lambdaHandlers } from './lambdaHandlers.js';

const NOW = new Date('2026-11-22T00:00:00Z');
const clock = { now: () => NOW };
const log = () => undefined;

function hookInput(serial: string): PreProvisioningHookInput {
  return {
    claimCertificateId: 'c'.repeat(64),
    certificateId: 'd'.repeat(64),
    certificatePem: 'PEM',
    templateArn: 'arn:aws:iot:ap-northeast-1:123456789012:provisioningtemplate/amr-fleet',
    clientId: serial,
    parameters: { SerialNumber: serial },
  };
}

describe('lambdaHandlers', () => {
  it('reads ALLOWED_SERIALS as a comma-separated list', async () => {
    const iot = createInMemoryIot({ clock });
    const handlers = lambdaHandlers({
      env: { ALLOWED_SERIALS: ' amr-001, amr-002 ,', AWS_REGION: 'ap-northeast-1' },
      iot: iot.port,
      clock,
      log,
    });
    await expect(handlers.preProvisioningHook(hookInput('amr-002'))).resolves.toEqual({
      allowProvisioning: true,
    });
    await expect(handlers.preProvisioningHook(hookInput('amr-003'))).resolves.toEqual({
      allowProvisioning: false,
    });
  });

  it('allows no serial when ALLOWED_SERIALS is missing', async () => {
    const iot = createInMemoryIot({ clock });
    const handlers = lambdaHandlers({ env: {}, iot: iot.port, clock, log });
    await expect(handlers.preProvisioningHook(hookInput('amr-001'))).resolves.toEqual({
      allowProvisioning: false,
    });
  });

  it('names PRODUCTION_POLICY_NAME when the JITR activator lacks it', async () => {
    const iot = createInMemoryIot({ clock });
    const handlers = lambdaHandlers({ env: {}, iot: iot.port, clock, log });
    await expect(
      handlers.jitrActivator({
        certificateId: 'a'.repeat(64),
        caCertificateId: 'b'.repeat(64),
        timestamp: 1,
        certificateStatus: 'PENDING_ACTIVATION',
        awsAccountId: '123456789012',
      }),
    ).rejects.toThrow(/PRODUCTION_POLICY_NAME/);
  });

  it('publishes the rotation-commit answer through publish', async () => {
    const iot = createInMemoryIot({ clock });
    const published: [string, unknown][] = [];
    const handlers = lambdaHandlers({
      env: {},
      iot: iot.port,
      clock,
      log,
      publish: (topic, payload) => {
        published.push([topic, payload]);
        return Promise.resolve();
      },
    });
    const answer = await handlers.rotationCommit({
      oldCertificateId: 'a'.repeat(64),
      newCertificateId: 'b'.repeat(64),
      requestId: 'r1',
      topic: rotationCommitTopic('amr-001'),
      clientId: 'amr-001',
      principal: 'b'.repeat(64),
      timestamp: NOW.getTime(),
    });
    expect(answer.outcome).toBe('rejected');
    expect(published).toEqual([[answer.topic, answer.payload]]);
  });
});
