import { Aedes } from 'aedes';
import { decode as decodeCbor, encode as encodeCbor } from 'cbor-x';
import { connectAsync, type MqttClient } from 'mqtt';
import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { TEST_CSR_PEM } from '../../testing/fixtures.js';
import { fromMqttJs } from '../connection/fromMqttJs.js';
import { ProvisioningError } from '../errors/ProvisioningError.js';
import { createProvisioningClient } from './createProvisioningClient.js';

type Format = 'json' | 'cbor';

const decode = (format: Format, payload: Buffer): unknown =>
  format === 'json'
    ? (JSON.parse(payload.toString('utf8')) as unknown)
    : (decodeCbor(payload) as unknown);
const encode = (format: Format, body: unknown): Buffer =>
  format === 'json' ? Buffer.from(JSON.stringify(body)) : encodeCbor(body);

/**
 * Answers fleet provisioning requests the way AWS IoT does (AWS IoT Developer Guide, "Device
 * provisioning MQTT API"): on `<request topic>/accepted` or `/rejected`, in the request's format.
 */
async function startFakeAws(client: MqttClient): Promise<{ issuedTokens: Set<string> }> {
  const issuedTokens = new Set<string>();
  client.on('message', (topic, payload) => {
    const format = topic.split('/').at(-1) as Format;
    const request = decode(format, payload) as Record<string, unknown>;
    let reply: 'accepted' | 'rejected';
    let body: unknown;
    if (topic.startsWith('$aws/certificates/create-from-csr/')) {
      const csr = request['certificateSigningRequest'];
      const token = randomUUID();
      issuedTokens.add(token);
      reply = 'accepted';
      body = {
        certificateId: createHash('sha256').update(String(csr)).digest('hex'),
        certificatePem: '-----BEGIN CERTIFICATE-----\nMIIBCERT\n-----END CERTIFICATE-----\n',
        certificateOwnershipToken: token,
      };
    } else {
      const token = request['certificateOwnershipToken'];
      const parameters = request['parameters'] as Record<string, string> | undefined;
      if (typeof token === 'string' && issuedTokens.delete(token)) {
        reply = 'accepted';
        body = {
          deviceConfiguration: { fleet: 'amr', format },
          thingName: `amr-${parameters?.['serial'] ?? 'unknown'}`,
        };
      } else {
        reply = 'rejected';
        body = {
          statusCode: 400,
          errorCode: 'InvalidCertificateOwnershipToken',
          errorMessage: 'Certificate ownership token is invalid.',
        };
      }
    }
    void client.publishAsync(`${topic}/${reply}`, encode(format, body), { qos: 1 });
  });
  await client.subscribeAsync(
    ['$aws/certificates/create-from-csr/+', '$aws/provisioning-templates/+/provision/+'],
    { qos: 1 },
  );
  return { issuedTokens };
}

describe('createProvisioningClient over MQTT.js and a real broker', () => {
  let broker: Aedes;
  let server: Server;
  let url: string;
  const clients: MqttClient[] = [];

  async function connect(): Promise<MqttClient> {
    const client = await connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0 });
    clients.push(client);
    return client;
  }

  beforeEach(async () => {
    broker = await Aedes.createBroker();
    server = createServer(broker.handle);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.endAsync()));
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    await new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
  });

  it.each(['json', 'cbor'] as const)(
    'runs CreateCertificateFromCsr then RegisterThing end to end in %s',
    async (format) => {
      const fakeAws = await startFakeAws(await connect());
      const device = await connect();
      const provisioning = createProvisioningClient({
        connection: fromMqttJs(device),
        format,
        timeoutMs: 2_000,
        retry: { attempts: 1 },
      });

      const certificate = await provisioning.createCertificateFromCsr(TEST_CSR_PEM);
      expect(certificate.certificateId).toBe(
        createHash('sha256').update(TEST_CSR_PEM).digest('hex'),
      );
      expect(fakeAws.issuedTokens.has(certificate.certificateOwnershipToken)).toBe(true);

      const thing = await provisioning.registerThing('AmrFleet', {
        certificateOwnershipToken: certificate.certificateOwnershipToken,
        parameters: { serial: '001' },
      });
      expect(thing).toEqual({
        deviceConfiguration: { fleet: 'amr', format },
        thingName: 'amr-001',
      });

      // The token is spent: AWS rejects it, and a 400 is not retried.
      const reused = await provisioning
        .registerThing('AmrFleet', {
          certificateOwnershipToken: certificate.certificateOwnershipToken,
        })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(reused).toBeInstanceOf(ProvisioningError);
      expect((reused as ProvisioningError).code).toBe('REJECTED');
      expect((reused as ProvisioningError).rejection).toEqual({
        statusCode: 400,
        errorCode: 'InvalidCertificateOwnershipToken',
        errorMessage: 'Certificate ownership token is invalid.',
      });

      await provisioning.dispose();
      expect(device.listenerCount('message')).toBe(0);
    },
  );
});
