import {
  CreatePolicyCommand,
  DescribeCertificateCommand,
  GetRegistrationCodeCommand,
  ListAttachedPoliciesCommand,
  ListThingPrincipalsCommand,
  RegisterCACertificateCommand,
  UpdateCACertificateCommand,
} from '@aws-sdk/client-iot';
import { certificateId as certificateIdOf, type CertificateAuthority } from '@iot-gateway-net/pki';
import { buildDevicePolicy } from '@iot-gateway-net/policy';
import { createTestCa } from '../../testing/createTestCa.js';
import { issueTestCertificate } from '../../testing/issueTestCertificate.js';
import { registerTestCa } from '../../testing/registerTestCa.js';
import { startTestCloud, type TestCloud } from '../../testing/startTestCloud.js';

// Certificates are checked against the real time by TLS, so the test clock starts a little in the past.
const NOW = new Date(Date.now() - 120_000);
const WAIT_MS = 5_000;

const newCa = (commonName: string) => createTestCa(commonName, NOW);
const issueDevice = (ca: CertificateAuthority, thingName: string) =>
  issueTestCertificate(ca, thingName, { now: NOW });

describe('just-in-time registration (startLocalCloud, MQTT.js, @aws-sdk/client-iot)', () => {
  // AWS allows one CONNECT per second per client id; the test moves the clock (cloud.advance)
  // instead of sleeping.
  let cloud: TestCloud;

  const start = async (options: { jitrProductionPolicyName?: string } = {}): Promise<void> => {
    cloud = await startTestCloud({
      cloud: { logLevel: 'debug', ...options },
      startAt: NOW.getTime(),
      dirPrefix: 'local-cloud-jitr-',
    });
    await cloud.iot.send(
      new CreatePolicyCommand({
        policyName: 'amr-production',
        policyDocument: JSON.stringify(
          buildDevicePolicy({
            region: cloud.endpoints.region,
            accountId: cloud.endpoints.accountId,
          }),
        ),
      }),
    );
  };

  const registerCa = (ca: CertificateAuthority) => registerTestCa(cloud.iot, ca, NOW);

  afterEach(async () => {
    await cloud?.close();
  });

  it('registers the certificate PENDING_ACTIVATION and refuses the connection without an activator', async () => {
    await start();
    const ca = await newCa('Integrator CA');
    await registerCa(ca);
    const device = await issueDevice(ca, 'AMR-100');

    const pending = cloud.certificateReaches('PENDING_ACTIVATION');
    expect(await cloud.connectRefused(device, 'AMR-100')).toBe(5);
    const certificateId = await pending;

    const described = await cloud.iot.send(new DescribeCertificateCommand({ certificateId }));
    expect(described.certificateDescription?.status).toBe('PENDING_ACTIVATION');
    expect(described.certificateDescription?.caCertificateId).toBe(ca.certificateId);
    expect(cloud.context.registry.getCertificate(certificateId)?.origin).toBe('jitr');
    // Still not ACTIVE: the next CONNECT is refused too (the broker closes it without a CONNACK
    // code for a known certificate that is not ACTIVE).
    cloud.advance(1_100);
    await cloud.connectRefused(device, 'AMR-100');
  });

  it('activates through the JITR activator so the next CONNECT succeeds', async () => {
    await start({ jitrProductionPolicyName: 'amr-production' });
    const ca = await newCa('Integrator CA');
    await registerCa(ca);
    const device = await issueDevice(ca, 'AMR-101');

    const active = cloud.certificateReaches('ACTIVE');
    expect(await cloud.connectRefused(device, 'AMR-101')).toBe(5);
    const certificateId = await active;

    const described = await cloud.iot.send(new DescribeCertificateCommand({ certificateId }));
    const arn = described.certificateDescription?.certificateArn;
    const principals = await cloud.iot.send(
      new ListThingPrincipalsCommand({ thingName: 'AMR-101' }),
    );
    expect(principals.principals).toEqual([arn]);
    const policies = await cloud.iot.send(new ListAttachedPoliciesCommand({ target: arn }));
    expect(policies.policies?.map((p) => p.policyName)).toEqual(['amr-production']);

    cloud.advance(1_100);
    const client = await cloud.connect(device, 'AMR-101');
    expect(client.connected).toBe(true);

    // The activator ran as a rule on $aws/events/certificates/registered/+ (the rules facility),
    // as on AWS: a rule with a Lambda action.
    const metrics = await (await fetch(cloud.endpoints.metricsUrl)).text();
    expect(metrics).toContain(
      'local_cloud_rule_actions_total{result="ok",rule="amr-jitr-activator"} 1',
    );
  });

  it('refuses a certificate of an unregistered CA and registers nothing', async () => {
    await start();
    const registered = await newCa('Integrator CA');
    await registerCa(registered);
    const stranger = await issueDevice(await newCa('Unknown CA'), 'AMR-102');

    const ignored = cloud.logged('jitr.no_auto_registration_ca');
    expect(await cloud.connectRefused(stranger, 'AMR-102')).toBe(5);
    await ignored;
    const pending = cloud.certificateReaches('PENDING_ACTIVATION');
    expect(await cloud.connectRefused(await issueDevice(registered, 'AMR-103'), 'AMR-103')).toBe(5);
    const certificateId = await pending;

    const all = cloud.context.registry.listCertificates({ maxResults: 250 }).items;
    expect(all.map((c) => c.certificateId)).toEqual([certificateId]);
  });
  it('delivers $aws/events/certificates/registered/<caCertificateId> to a permitted MQTT subscriber', async () => {
    await start();
    const ca = await newCa('Integrator CA');
    await registerCa(ca);
    const { region, accountId } = cloud.endpoints;
    const arn = `arn:aws:iot:${region}:${accountId}`;
    const topic = `$aws/events/certificates/registered/${ca.certificateId}`;
    const device = await cloud.createDevice({
      policies: {
        'registration-watcher': {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'iot:Connect', Resource: `${arn}:client/watcher` },
            {
              Effect: 'Allow',
              Action: 'iot:Subscribe',
              Resource: `${arn}:topicfilter/$aws/events/certificates/registered/*`,
            },
            {
              Effect: 'Allow',
              Action: 'iot:Receive',
              Resource: `${arn}:topic/$aws/events/certificates/registered/*`,
            },
          ],
        },
      },
    });
    const watcher = await cloud.connect(device, 'watcher');
    await watcher.subscribeAsync(topic, { qos: 1 });
    const delivered = new Promise<{ topic: string; event: unknown }>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`nothing on ${topic} within ${WAIT_MS} ms`)),
        WAIT_MS,
      );
      watcher.once('message', (received, payload) => {
        clearTimeout(timer);
        resolve({ topic: received, event: JSON.parse(payload.toString('utf8')) });
      });
    });

    const pending = cloud.certificateReaches('PENDING_ACTIVATION');
    expect(await cloud.connectRefused(await issueDevice(ca, 'AMR-104'), 'AMR-104')).toBe(5);
    const certificateId = await pending;

    // AWS IoT Developer Guide, "Just-in-time registration": the message's structure.
    expect(await delivered).toEqual({
      topic,
      event: {
        certificateId,
        caCertificateId: ca.certificateId,
        timestamp: cloud.now(),
        certificateStatus: 'PENDING_ACTIVATION',
        awsAccountId: accountId,
        certificateRegistrationTimestamp: String(cloud.now()),
      },
    });
  });

  it('registers nothing for an INACTIVE CA or once UpdateCACertificate turns auto-registration off', async () => {
    await start({ jitrProductionPolicyName: 'amr-production' });
    const ca = await newCa('Integrator CA');
    const { registrationCode } = await cloud.iot.send(new GetRegistrationCodeCommand({}));
    const verification = await issueDevice(ca, registrationCode ?? '');
    await cloud.iot.send(
      new RegisterCACertificateCommand({
        caCertificate: ca.certificatePem,
        verificationCertificate: verification.certificatePem,
        setAsActive: false,
        allowAutoRegistration: true,
      }),
    );
    const device = await issueDevice(ca, 'AMR-105');
    const deviceId = certificateIdOf(device.certificatePem);
    let ignored = cloud.logged('jitr.no_auto_registration_ca');
    expect(await cloud.connectRefused(device, 'AMR-105')).toBe(5);
    await ignored;
    expect(cloud.context.registry.getCertificate(deviceId)).toBeUndefined();

    // ACTIVE, but auto-registration switched off.
    await cloud.iot.send(
      new UpdateCACertificateCommand({
        certificateId: ca.certificateId,
        newStatus: 'ACTIVE',
        newAutoRegistrationStatus: 'DISABLE',
      }),
    );
    ignored = cloud.logged('jitr.no_auto_registration_ca');
    cloud.advance(1_100);
    expect(await cloud.connectRefused(device, 'AMR-105')).toBe(5);
    await ignored;
    expect(cloud.context.registry.getCertificate(deviceId)).toBeUndefined();

    // Switched back on, the same device is registered and activated.
    await cloud.iot.send(
      new UpdateCACertificateCommand({
        certificateId: ca.certificateId,
        newAutoRegistrationStatus: 'ENABLE',
      }),
    );
    const active = cloud.certificateReaches('ACTIVE');
    cloud.advance(1_100);
    expect(await cloud.connectRefused(device, 'AMR-105')).toBe(5);
    expect(await active).toBe(deviceId);
  });
});
