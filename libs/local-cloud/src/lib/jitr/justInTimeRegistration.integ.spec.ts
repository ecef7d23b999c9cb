import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AttachPolicyCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  DescribeCertificateCommand,
  IoTClient,
  ListAttachedPoliciesCommand,
  ListThingPrincipalsCommand,
  RegisterCACertificateCommand,
  UpdateCACertificateCommand,
} from '@aws-sdk/client-iot';
import {
  certificateId as certificateIdOf,
  createCertificateAuthority,
  createCsr,
  generateKeyPair,
  loadCertificateAuthority,
  type CertificateAuthority,
} from '@iot-gateway-net/pki';
import { buildDevicePolicy } from '@iot-gateway-net/policy';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { CertificateStatus } from '../registry/types.js';
import { startLocalCloud, type LocalCloud } from '../startLocalCloud.js';

// Certificates are checked against the real time by TLS, so the test clock starts a little in the past.
const NOW = new Date(Date.now() - 120_000);
const WAIT_MS = 5_000;

interface DeviceCertificate {
  certificatePem: string;
  privateKeyPem: string;
}

interface LogLine {
  event: string;
  [field: string]: unknown;
}

async function newCa(commonName: string): Promise<CertificateAuthority> {
  const issued = await createCertificateAuthority({ commonName, now: NOW });
  return loadCertificateAuthority({
    certificatePem: issued.certificatePem,
    privateKeyPem: issued.privateKeyPem,
  });
}

async function issueDevice(
  ca: CertificateAuthority,
  thingName: string,
): Promise<DeviceCertificate> {
  const keys = await generateKeyPair();
  const csr = await createCsr({ keys, commonName: thingName });
  const issued = await ca.issueFromCsr(csr, { now: NOW, lifetimeDays: 30 });
  return { certificatePem: issued.certificatePem, privateKeyPem: keys.privateKeyPem };
}

describe('just-in-time registration (startLocalCloud, MQTT.js, @aws-sdk/client-iot)', () => {
  let dataDir: string;
  let cloud: LocalCloud;
  let iot: IoTClient;
  // AWS allows one CONNECT per second per client id; the test moves the clock instead of sleeping.
  let nowMs = 0;
  let logListeners: ((line: LogLine) => void)[] = [];
  const clients: MqttClient[] = [];

  const start = async (options: { jitrProductionPolicyName?: string } = {}): Promise<void> => {
    cloud = await startLocalCloud(
      { dataDir, logLevel: 'debug', ...options },
      {
        clock: { now: () => nowMs },
        writeLog: (text) => {
          const line = JSON.parse(text) as LogLine;
          for (const listener of logListeners) listener(line);
        },
      },
    );
    iot = new IoTClient({
      endpoint: cloud.endpoints.controlPlaneUrl,
      region: cloud.endpoints.region,
      credentials: { ...cloud.endpoints.controlPlaneCredentials },
    });
    await iot.send(
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

  const registerCa = async (ca: CertificateAuthority): Promise<void> => {
    const verification = await issueDevice(ca, 'verification');
    await iot.send(
      new RegisterCACertificateCommand({
        caCertificate: ca.certificatePem,
        verificationCertificate: verification.certificatePem,
        setAsActive: true,
        allowAutoRegistration: true,
      }),
    );
  };

  const connectOptions = async (
    device: DeviceCertificate,
    clientId: string,
  ): Promise<IClientOptions> => ({
    protocol: 'mqtts' as const,
    host: cloud.endpoints.iotEndpoint,
    port: cloud.endpoints.mqttsPort,
    clientId,
    protocolVersion: 4,
    ca: await readFile(cloud.endpoints.rootCaPath),
    cert: device.certificatePem,
    key: device.privateKeyPem,
    reconnectPeriod: 0,
  });

  const connect = async (device: DeviceCertificate, clientId: string): Promise<MqttClient> => {
    const client = await mqtt.connectAsync(await connectOptions(device, clientId));
    clients.push(client);
    return client;
  };

  /** Resolves with the first log line of `event` written from now on. */
  const logged = (event: string): Promise<LogLine> =>
    new Promise((resolve, reject) => {
      const listener = (line: LogLine): void => {
        if (line.event !== event) return;
        done();
        resolve(line);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no "${event}" log line within ${WAIT_MS} ms`));
      }, WAIT_MS);
      const done = (): void => {
        clearTimeout(timer);
        logListeners = logListeners.filter((l) => l !== listener);
      };
      logListeners.push(listener);
    });

  /** Resolves the CONNACK return code once the broker closes a refused connection. */
  const refused = async (device: DeviceCertificate, clientId: string) => {
    const client = mqtt.connect(await connectOptions(device, clientId));
    let code: number | undefined;
    client.once('error', (error: Error & { code?: number }) => {
      code = error.code;
    });
    await new Promise((resolve) => client.once('close', () => resolve(undefined)));
    client.end(true);
    return code;
  };

  const certificateReaches = (status: CertificateStatus): Promise<string> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`no certificate became ${status} within 5 s`));
      }, 5_000);
      const stop = cloud.context.registry.onChange((change) => {
        if (change.type === 'certificate' && change.status === status) {
          clearTimeout(timer);
          stop();
          resolve(change.certificateId);
        }
      });
    });

  beforeEach(async () => {
    nowMs = NOW.getTime();
    logListeners = [];
    dataDir = await mkdtemp(join(tmpdir(), 'local-cloud-jitr-'));
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) await client.endAsync(true);
    iot?.destroy();
    await cloud?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('registers the certificate PENDING_ACTIVATION and refuses the connection without an activator', async () => {
    await start();
    const ca = await newCa('Integrator CA');
    await registerCa(ca);
    const device = await issueDevice(ca, 'AMR-100');

    const pending = certificateReaches('PENDING_ACTIVATION');
    expect(await refused(device, 'AMR-100')).toBe(5);
    const certificateId = await pending;

    const described = await iot.send(new DescribeCertificateCommand({ certificateId }));
    expect(described.certificateDescription?.status).toBe('PENDING_ACTIVATION');
    expect(described.certificateDescription?.caCertificateId).toBe(ca.certificateId);
    expect(cloud.context.registry.getCertificate(certificateId)?.origin).toBe('jitr');
    // Still not ACTIVE: the next CONNECT is refused too (the broker closes it without a CONNACK
    // code for a known certificate that is not ACTIVE).
    nowMs += 1_100;
    await refused(device, 'AMR-100');
  });

  it('activates through the JITR activator so the next CONNECT succeeds', async () => {
    await start({ jitrProductionPolicyName: 'amr-production' });
    const ca = await newCa('Integrator CA');
    await registerCa(ca);
    const device = await issueDevice(ca, 'AMR-101');

    const active = certificateReaches('ACTIVE');
    expect(await refused(device, 'AMR-101')).toBe(5);
    const certificateId = await active;

    const described = await iot.send(new DescribeCertificateCommand({ certificateId }));
    const arn = described.certificateDescription?.certificateArn;
    const principals = await iot.send(new ListThingPrincipalsCommand({ thingName: 'AMR-101' }));
    expect(principals.principals).toEqual([arn]);
    const policies = await iot.send(new ListAttachedPoliciesCommand({ target: arn }));
    expect(policies.policies?.map((p) => p.policyName)).toEqual(['amr-production']);

    nowMs += 1_100;
    const client = await connect(device, 'AMR-101');
    expect(client.connected).toBe(true);
  });

  it('refuses a certificate of an unregistered CA and registers nothing', async () => {
    await start();
    const registered = await newCa('Integrator CA');
    await registerCa(registered);
    const stranger = await issueDevice(await newCa('Unknown CA'), 'AMR-102');

    const ignored = logged('jitr.no_auto_registration_ca');
    expect(await refused(stranger, 'AMR-102')).toBe(5);
    await ignored;
    const pending = certificateReaches('PENDING_ACTIVATION');
    expect(await refused(await issueDevice(registered, 'AMR-103'), 'AMR-103')).toBe(5);
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
    await iot.send(
      new CreatePolicyCommand({
        policyName: 'registration-watcher',
        policyDocument: JSON.stringify({
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
        }),
      }),
    );
    const keys = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
    await iot.send(
      new AttachPolicyCommand({ policyName: 'registration-watcher', target: keys.certificateArn }),
    );
    const watcher = await connect(
      { certificatePem: keys.certificatePem ?? '', privateKeyPem: keys.keyPair?.PrivateKey ?? '' },
      'watcher',
    );
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

    const pending = certificateReaches('PENDING_ACTIVATION');
    expect(await refused(await issueDevice(ca, 'AMR-104'), 'AMR-104')).toBe(5);
    const certificateId = await pending;

    // AWS IoT Developer Guide, "Just-in-time registration": the message's structure.
    expect(await delivered).toEqual({
      topic,
      event: {
        certificateId,
        caCertificateId: ca.certificateId,
        timestamp: nowMs,
        certificateStatus: 'PENDING_ACTIVATION',
        awsAccountId: accountId,
        certificateRegistrationTimestamp: String(nowMs),
      },
    });
  });

  it('registers nothing for an INACTIVE CA or once UpdateCACertificate turns auto-registration off', async () => {
    await start({ jitrProductionPolicyName: 'amr-production' });
    const ca = await newCa('Integrator CA');
    const verification = await issueDevice(ca, 'verification');
    await iot.send(
      new RegisterCACertificateCommand({
        caCertificate: ca.certificatePem,
        verificationCertificate: verification.certificatePem,
        setAsActive: false,
        allowAutoRegistration: true,
      }),
    );
    const device = await issueDevice(ca, 'AMR-105');
    const deviceId = certificateIdOf(device.certificatePem);
    let ignored = logged('jitr.no_auto_registration_ca');
    expect(await refused(device, 'AMR-105')).toBe(5);
    await ignored;
    expect(cloud.context.registry.getCertificate(deviceId)).toBeUndefined();

    // ACTIVE, but auto-registration switched off.
    await iot.send(
      new UpdateCACertificateCommand({
        certificateId: ca.certificateId,
        newStatus: 'ACTIVE',
        newAutoRegistrationStatus: 'DISABLE',
      }),
    );
    ignored = logged('jitr.no_auto_registration_ca');
    nowMs += 1_100;
    expect(await refused(device, 'AMR-105')).toBe(5);
    await ignored;
    expect(cloud.context.registry.getCertificate(deviceId)).toBeUndefined();

    // Switched back on, the same device is registered and activated.
    await iot.send(
      new UpdateCACertificateCommand({
        certificateId: ca.certificateId,
        newAutoRegistrationStatus: 'ENABLE',
      }),
    );
    const active = certificateReaches('ACTIVE');
    nowMs += 1_100;
    expect(await refused(device, 'AMR-105')).toBe(5);
    expect(await active).toBe(deviceId);
  });
});
