import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeCertificateCommand,
  DescribeThingCommand,
  IoTClient,
  ListAttachedPoliciesCommand,
  ListCertificatesCommand,
} from '@aws-sdk/client-iot';
import { startLocalCloud, type LocalCloud } from '@iot-gateway-net/local-cloud';
import { certificateId, parseCertificate } from '@iot-gateway-net/pki';
import { createKeysAndCertificateTopic, registerThingTopic } from '@iot-gateway-net/topics';
import mqtt, { type MqttClient } from 'mqtt';
import { FleetSetupError } from '../errors/FleetSetupError.js';
import { ensureFleetSetup } from '../setup/ensureFleetSetup.js';
import { createClaimCredential } from './createClaimCredential.js';
import { createTrustedUserClaim } from './createTrustedUserClaim.js';

const DAY_MS = 86_400_000;
const TIMEOUT_MS = 5_000;

describe('claim credentials (local cloud through @aws-sdk/client-iot and MQTT.js)', () => {
  let dataDir: string;
  let cloud: LocalCloud;
  let iot: IoTClient;
  let rootCa: Buffer;
  const clients: MqttClient[] = [];

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'fleet-setup-claim-'));
    cloud = await startLocalCloud({ dataDir, logLevel: 'error' }, { writeLog: () => undefined });
    const e = cloud.endpoints;
    iot = new IoTClient({
      endpoint: e.controlPlaneUrl,
      region: e.region,
      credentials: { ...e.controlPlaneCredentials },
    });
    rootCa = await readFile(e.rootCaPath);
    const setup = {
      iot,
      region: e.region,
      accountId: e.accountId,
      provisioningRoleArn: 'arn:aws:iam::000000000000:role/fleet-provisioning',
    };
    await ensureFleetSetup(setup);
    // A second template and its claim policy: its topics must stay closed to amr-fleet's claims.
    await ensureFleetSetup({
      ...setup,
      templateName: 'other-fleet',
      claimPolicyName: 'other-claim',
    });
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
    iot.destroy();
    await cloud.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  function connect(
    credential: { certificatePem: string; privateKeyPem: string },
    clientId: string,
  ) {
    const e = cloud.endpoints;
    const client = mqtt.connect({
      protocol: 'mqtts',
      host: e.iotEndpoint,
      port: e.mqttsPort,
      clientId,
      protocolVersion: 4,
      ca: rootCa,
      cert: credential.certificatePem,
      key: credential.privateKeyPem,
      reconnectPeriod: 0,
    });
    clients.push(client);
    return client;
  }

  /** Resolves on CONNACK, rejects on close or after the timeout (a refused certificate only closes). */
  function connected(client: MqttClient): Promise<void> {
    return withTimeout(
      new Promise<void>((resolve, reject) => {
        client.once('connect', () => resolve());
        client.once('close', () => reject(new Error('connection closed before CONNACK')));
      }),
      'CONNACK',
    );
  }

  function closed(client: MqttClient): Promise<void> {
    return withTimeout(
      new Promise<void>((resolve) => {
        if (client.disconnected) resolve();
        else client.once('close', () => resolve());
      }),
      'close',
    );
  }

  function nextMessage(client: MqttClient, topics: string[]): Promise<[string, unknown]> {
    return withTimeout(
      new Promise((resolve) => {
        const onMessage = (topic: string, payload: Buffer) => {
          if (!topics.includes(topic)) return;
          client.off('message', onMessage);
          resolve([topic, JSON.parse(payload.toString('utf8'))]);
        };
        client.on('message', onMessage);
      }),
      topics.join(' | '),
    );
  }

  /** The robot's side of fleet provisioning by claim: CreateKeysAndCertificate, RegisterThing. */
  async function provision(client: MqttClient, templateName: string, serial: string) {
    const create = [
      createKeysAndCertificateTopic('json', 'accepted'),
      createKeysAndCertificateTopic('json', 'rejected'),
    ];
    const register = [
      registerThingTopic(templateName, 'json', 'accepted'),
      registerThingTopic(templateName, 'json', 'rejected'),
    ];
    await client.subscribeAsync([...create, ...register], { qos: 1 });
    const keysAnswer = nextMessage(client, create);
    await client.publishAsync(createKeysAndCertificateTopic('json'), '{}', { qos: 1 });
    const [keysTopic, keys] = await keysAnswer;
    expect(keysTopic).toBe(create[0]);
    const { certificateOwnershipToken } = keys as { certificateOwnershipToken: string };
    const registerAnswer = nextMessage(client, register);
    await client.publishAsync(
      registerThingTopic(templateName, 'json'),
      JSON.stringify({ certificateOwnershipToken, parameters: { SerialNumber: serial } }),
      { qos: 1 },
    );
    const [registerTopic, registered] = await registerAnswer;
    expect({ registerTopic, registered }).toMatchObject({ registerTopic: register[0] });
    return registered as { thingName: string };
  }

  it('registers a 20-year self-signed claim certificate, ACTIVE, with the claim policy', async () => {
    const now = new Date('2026-01-15T10:20:30.456Z');
    const claim = await createClaimCredential({ iot, now });
    expect(claim.certificateId).toBe(certificateId(claim.certificatePem));
    expect(claim.certificateArn).toMatch(new RegExp(`:cert/${claim.certificateId}$`));
    expect(claim.privateKeyPem).toContain('PRIVATE KEY');
    const parsed = parseCertificate(claim.certificatePem);
    expect(parsed.commonName).toBe('device-claim');
    expect(parsed.notBefore).toEqual(new Date('2026-01-15T10:20:30Z'));
    expect(parsed.notAfter.getTime() - parsed.notBefore.getTime()).toBe(7300 * DAY_MS);

    const described = await iot.send(
      new DescribeCertificateCommand({ certificateId: claim.certificateId }),
    );
    expect(described.certificateDescription?.status).toBe('ACTIVE');
    const attached = await iot.send(
      new ListAttachedPoliciesCommand({ target: claim.certificateArn }),
    );
    expect(attached.policies?.map((p) => p.policyName)).toEqual(['amr-claim']);
  });

  it('takes a common name, a validity and a claim policy name', async () => {
    const claim = await createClaimCredential({
      iot,
      now: new Date(),
      commonName: 'claim-AMR-042',
      validityDays: 30,
      claimPolicyName: 'other-claim',
    });
    const parsed = parseCertificate(claim.certificatePem);
    expect(parsed.commonName).toBe('claim-AMR-042');
    expect(parsed.notAfter.getTime() - parsed.notBefore.getTime()).toBe(30 * DAY_MS);
    const attached = await iot.send(
      new ListAttachedPoliciesCommand({ target: claim.certificateArn }),
    );
    expect(attached.policies?.map((p) => p.policyName)).toEqual(['other-claim']);
  });

  it('connects over MQTT and provisions a robot through its template', async () => {
    const claim = await createClaimCredential({ iot, now: new Date() });
    const client = connect(claim, 'claim-001');
    await connected(client);
    const registered = await provision(client, 'amr-fleet', '001');
    expect(registered.thingName).toBe('AMR-001');
    const thing = await iot.send(new DescribeThingCommand({ thingName: 'AMR-001' }));
    expect(thing.attributes).toEqual({ serialNumber: '001' });
  });

  it('may not use another template provisioning topic: the publish closes the connection', async () => {
    const claim = await createClaimCredential({ iot, now: new Date() });
    const client = connect(claim, 'claim-002');
    await connected(client);
    const gone = closed(client);
    client.publish(registerThingTopic('other-fleet', 'json'), '{}', { qos: 1 });
    await gone;
  });

  it('leaves no certificate behind when the claim policy does not exist', async () => {
    const error = await createClaimCredential({
      iot,
      now: new Date(),
      claimPolicyName: 'no-such-policy',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FleetSetupError);
    expect(error).toMatchObject({ code: 'AWS_ERROR' });
    expect((error as FleetSetupError).message).toMatch(
      /^AttachPolicy failed: ResourceNotFoundException: /,
    );
    expect((error as FleetSetupError).message).not.toContain('BEGIN');
    const listed = await iot.send(new ListCertificatesCommand({}));
    expect(listed.certificates).toEqual([]);
  });

  it('refuses bad options before making anything', async () => {
    const error = await createClaimCredential({ iot, now: new Date(), validityDays: 0 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'INVALID_OPTIONS' });
    expect((error as FleetSetupError).message).toContain('validityDays');
    const listed = await iot.send(new ListCertificatesCommand({}));
    expect(listed.certificates).toEqual([]);
  });

  it('creates a trusted-user claim valid 5 minutes that provisions a robot', async () => {
    const before = Date.now();
    const claim = await createTrustedUserClaim({ iot });
    expect(claim.certificateId).toBe(certificateId(claim.certificatePem));
    expect(claim.privateKeyPem).toContain('PRIVATE KEY');
    expect(claim.expiresAt).toBeInstanceOf(Date);
    // `expiration` travels in whole seconds.
    expect(claim.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 300_000 - 1_000);
    expect(claim.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 300_000);

    const client = connect(claim, 'trusted-003');
    await connected(client);
    const registered = await provision(client, 'amr-fleet', '003');
    expect(registered.thingName).toBe('AMR-003');
  });

  it('answers AWS_ERROR naming ResourceNotFoundException for an unknown template', async () => {
    const error = await createTrustedUserClaim({ iot, templateName: 'nope' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FleetSetupError);
    expect((error as FleetSetupError).message).toMatch(
      /^CreateProvisioningClaim failed: ResourceNotFoundException: /,
    );
  });
});

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out waiting for ${what}`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
