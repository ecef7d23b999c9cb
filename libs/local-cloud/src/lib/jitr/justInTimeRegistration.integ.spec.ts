import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreatePolicyCommand,
  DescribeCertificateCommand,
  IoTClient,
  ListAttachedPoliciesCommand,
  ListThingPrincipalsCommand,
  RegisterCACertificateCommand,
} from '@aws-sdk/client-iot';
import {
  createCertificateAuthority,
  createCsr,
  generateKeyPair,
  loadCertificateAuthority,
  type CertificateAuthority,
} from '@iot-gateway-net/pki';
import { buildDevicePolicy } from '@iot-gateway-net/policy';
import mqtt, { type IClientOptions } from 'mqtt';
import type { CertificateStatus } from '../registry/types.js';
import { startLocalCloud, type LocalCloud } from '../startLocalCloud.js';

const quiet = { writeLog: () => undefined };
// Certificates are checked against the real time by TLS, so the test clock starts a little in the past.
const NOW = new Date(Date.now() - 120_000);

interface DeviceCertificate {
  certificatePem: string;
  privateKeyPem: string;
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

  const start = async (options: { jitrProductionPolicyName?: string } = {}): Promise<void> => {
    cloud = await startLocalCloud(
      { dataDir, ...options },
      { ...quiet, clock: { now: () => nowMs } },
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

  const connect = async (device: DeviceCertificate, clientId: string) =>
    mqtt.connectAsync(await connectOptions(device, clientId));

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
    dataDir = await mkdtemp(join(tmpdir(), 'local-cloud-jitr-'));
  });

  afterEach(async () => {
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
    await client.endAsync();
  });

  it('refuses a certificate of an unregistered CA and registers nothing', async () => {
    await start();
    const registered = await newCa('Integrator CA');
    await registerCa(registered);
    const stranger = await issueDevice(await newCa('Unknown CA'), 'AMR-102');

    expect(await refused(stranger, 'AMR-102')).toBe(5);
    // A later JITR registration shows the earlier hook has run its course.
    const pending = certificateReaches('PENDING_ACTIVATION');
    expect(await refused(await issueDevice(registered, 'AMR-103'), 'AMR-103')).toBe(5);
    const certificateId = await pending;

    const all = cloud.context.registry.listCertificates({ maxResults: 250 }).items;
    expect(all.map((c) => c.certificateId)).toEqual([certificateId]);
  });
});
