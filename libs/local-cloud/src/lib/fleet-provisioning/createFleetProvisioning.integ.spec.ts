import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCsr, generateKeyPair } from '@iot-gateway-net/pki';
import { createTestPki, createUnsupportedCsr, type TestPki } from '@iot-gateway-net/pki/testing';
import { buildClaimPolicy } from '@iot-gateway-net/policy';
import { createProvisioningClient, fromMqttJs } from '@iot-gateway-net/provisioning';
import { decode as decodeCbor } from 'cbor-x';
import { connectAsync, type MqttClient } from 'mqtt';
import { registerTestDevice } from '../../testing/registerTestDevice.js';
import { startTestBroker, type TestBroker } from '../../testing/startTestBroker.js';
import { OWNERSHIP_TOKEN_LIFETIME_MS } from './constants.js';
import { createFleetProvisioning } from './createFleetProvisioning.js';
import { hashOwnershipToken } from './hashOwnershipToken.js';
import type { FleetProvisioning } from './types.js';

const REGION = 'ap-northeast-1';
const ACCOUNT = '123456789012';
const TEMPLATE = 'amr-fleet';
const TIMEOUT_MS = 5_000;

/** Waits for the next message on `topic`, decoded from JSON or CBOR by the topic's format. */
function nextMessage(client: MqttClient, topic: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No message on ${topic}`)), TIMEOUT_MS);
    const onMessage = (received: string, payload: Buffer) => {
      if (received !== topic) return;
      clearTimeout(timer);
      client.off('message', onMessage);
      resolve(
        topic.split('/').includes('cbor')
          ? decodeCbor(payload)
          : (JSON.parse(payload.toString('utf8')) as unknown),
      );
    };
    client.on('message', onMessage);
  });
}

describe('fleet provisioning MQTT API (real broker, MQTT.js, provisioning client)', () => {
  let pki: TestPki;
  let dataDir: string;
  let cloud: TestBroker;
  let fleet: FleetProvisioning;
  let offsetMs = 0;
  const clients: MqttClient[] = [];

  const connect = async (
    certificate: { certificatePem: string; privateKeyPem: string },
    clientId: string,
  ): Promise<MqttClient> => {
    const client = await connectAsync(`mqtts://localhost:${cloud.mqttsPort}`, {
      clientId,
      protocolVersion: 4,
      reconnectPeriod: 0,
      key: certificate.privateKeyPem,
      cert: certificate.certificatePem,
      ca: pki.ca.certificatePem,
    });
    clients.push(client);
    return client;
  };

  const claimClient = (clientId = 'claim-AMR-001') => connect(pki.claim, clientId);

  const provisioning = (client: MqttClient, format: 'json' | 'cbor' = 'json') =>
    createProvisioningClient({
      connection: fromMqttJs(client),
      format,
      timeoutMs: TIMEOUT_MS,
      retry: { attempts: 1 },
    });

  const certificateCount = () => cloud.context.registry.listCertificates().items.length;

  beforeAll(async () => {
    pki = await createTestPki({ now: new Date(), thingName: 'AMR-001' });
  });

  beforeEach(async () => {
    offsetMs = 0;
    dataDir = await mkdtemp(join(tmpdir(), 'fleet-provisioning-integ-'));
    cloud = await startTestBroker({
      dataDir,
      pki,
      dataPlane: true,
      // Specs reconnect the same client id within a second.
      broker: { connectIntervalMs: 0 },
      // TLS needs real time; tests move it forward to expire ownership tokens.
      clock: { now: () => Date.now() + offsetMs },
    });
    const claim = registerTestDevice(cloud.context.registry, {
      certificatePem: pki.claim.certificatePem,
      policies: {
        'amr-claim': buildClaimPolicy({
          region: REGION,
          accountId: ACCOUNT,
          templateName: TEMPLATE,
          formats: ['json', 'cbor'],
        }),
      },
    });
    expect(claim.status).toBe('ACTIVE');
    fleet = createFleetProvisioning(cloud.context, cloud.broker.bus);
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
    await fleet.close();
    await cloud.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it.each(['json', 'cbor'] as const)(
    'CreateCertificateFromCsr (%s) signs the CSR: PENDING_ACTIVATION, with a 1-hour token bound to it',
    async (format) => {
      const client = await claimClient();
      const keys = await generateKeyPair();
      const csrPem = await createCsr({ keys, commonName: 'AMR-001' });
      const accepted = await provisioning(client, format).createCertificateFromCsr(csrPem);

      const record = cloud.context.registry.getCertificate(accepted.certificateId);
      expect(record).toMatchObject({
        status: 'PENDING_ACTIVATION',
        origin: 'fleet-provisioning',
        certificatePem: accepted.certificatePem,
      });
      expect(accepted.certificateOwnershipToken.length).toBeGreaterThanOrEqual(43);
      const token = cloud.context.registry.getOwnershipToken(
        hashOwnershipToken(accepted.certificateOwnershipToken),
      );
      expect(token).toMatchObject({ certificateId: accepted.certificateId });
      expect(token && token.expiresAt - token.createdAt).toBe(OWNERSHIP_TOKEN_LIFETIME_MS);
      expect(token?.usedAt).toBeUndefined();
    },
  );

  it.each(['json', 'cbor'] as const)(
    'CreateKeysAndCertificate (%s) returns a key and a PENDING_ACTIVATION certificate',
    async (format) => {
      const client = await claimClient();
      const accepted = await provisioning(client, format).createKeysAndCertificate();
      expect(accepted.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
      expect(cloud.context.registry.getCertificate(accepted.certificateId)).toMatchObject({
        status: 'PENDING_ACTIVATION',
        origin: 'fleet-provisioning',
      });
    },
  );

  it('answers only the requesting connection', async () => {
    const first = await claimClient('claim-A');
    const second = await claimClient('claim-B');
    const seenBySecond: string[] = [];
    second.on('message', (topic) => seenBySecond.push(topic));
    await second.subscribeAsync('$aws/certificates/create/json/accepted', { qos: 1 });
    await provisioning(first).createKeysAndCertificate();
    // The second client's own answer comes after anything the broker would have sent it before.
    await provisioning(second).createKeysAndCertificate();
    expect(seenBySecond).toEqual(['$aws/certificates/create/json/accepted']);
  });

  it.each([
    [
      'garbage JSON',
      '$aws/certificates/create-from-csr/json',
      Buffer.from('{not json'),
      'InvalidPayload',
    ],
    [
      'a wrong shape',
      '$aws/certificates/create-from-csr/json',
      Buffer.from('{"csr":1}'),
      'InvalidPayload',
    ],
    [
      'garbage CBOR',
      '$aws/certificates/create-from-csr/cbor',
      Buffer.from([0xff, 0x00, 0x1c]),
      'InvalidPayload',
    ],
    [
      'a malformed CSR',
      '$aws/certificates/create-from-csr/json',
      Buffer.from(
        JSON.stringify({
          certificateSigningRequest:
            '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n',
        }),
      ),
      'InvalidRequest',
    ],
    [
      'an empty CSR',
      '$aws/certificates/create-from-csr/json',
      Buffer.from('{"certificateSigningRequest":""}'),
      'InvalidRequest',
    ],
    [
      'garbage for CreateKeysAndCertificate',
      '$aws/certificates/create/json',
      Buffer.from('[1,2]'),
      'InvalidPayload',
    ],
  ])('rejects %s with a 400 and stores nothing', async (_what, topic, payload, errorCode) => {
    const client = await claimClient();
    await client.subscribeAsync([`${topic}/accepted`, `${topic}/rejected`], { qos: 1 });
    const before = certificateCount();
    const answer = nextMessage(client, `${topic}/rejected`);
    await client.publishAsync(topic, payload, { qos: 1 });
    expect(await answer).toMatchObject({ statusCode: 400, errorCode });
    expect(certificateCount()).toBe(before);
  });

  it('rejects a CSR whose key AWS does not support', async () => {
    const client = await claimClient();
    const before = certificateCount();
    await expect(
      provisioning(client).createCertificateFromCsr(await createUnsupportedCsr()),
    ).rejects.toMatchObject({
      code: 'REJECTED',
      rejection: { statusCode: 400, errorCode: 'InvalidRequest' },
    });
    expect(certificateCount()).toBe(before);
  });

  it('deletes certificates never registered once their token expired (sweep)', async () => {
    const client = await claimClient();
    const accepted = await provisioning(client).createKeysAndCertificate();
    expect(fleet.sweep()).toEqual([]);
    offsetMs = OWNERSHIP_TOKEN_LIFETIME_MS + 1;
    expect(fleet.sweep()).toEqual([accepted.certificateId]);
    expect(cloud.context.registry.getCertificate(accepted.certificateId)).toBeUndefined();
    expect(
      cloud.context.registry.getOwnershipToken(
        hashOwnershipToken(accepted.certificateOwnershipToken),
      ),
    ).toBeUndefined();
  });

  it('the claim certificate cannot touch application topics', async () => {
    const client = await claimClient('AMR-001');
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.publish('amr/AMR-001/status', '{}', { qos: 1 });
    await closed;
  });
});
