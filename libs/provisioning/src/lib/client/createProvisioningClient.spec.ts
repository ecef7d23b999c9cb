import type { PayloadFormat } from '@iot-gateway-net/topics';
import { decode as decodeCbor, encode as encodeCbor } from 'cbor-x';
import { createFakeConnection, type FakeConnection } from '../../testing/createFakeConnection.js';
import { TEST_CSR_PEM } from '../../testing/fixtures.js';
import { ProvisioningError } from '../errors/ProvisioningError.js';
import { createProvisioningClient } from './createProvisioningClient.js';
import type { ProvisioningClientOptions } from './types.js';

const TOKEN = 'ownership-token-0123456789-SECRET';
const PRIVATE_KEY =
  '-----BEGIN RSA PRIVATE KEY-----\nPRIVATEKEYMATERIAL\n-----END RSA PRIVATE KEY-----\n';
const CERT_PEM = '-----BEGIN CERTIFICATE-----\nMIIBCERT\n-----END CERTIFICATE-----\n';
const certificateId = (n: number): string => n.toString(16).padStart(64, '0');

const keysAccepted = (n = 1) => ({
  certificateId: certificateId(n),
  certificatePem: CERT_PEM,
  privateKey: PRIVATE_KEY,
  certificateOwnershipToken: `${TOKEN}-${n}`,
});
const csrAccepted = (n = 1) => ({
  certificateId: certificateId(n),
  certificatePem: CERT_PEM,
  certificateOwnershipToken: `${TOKEN}-${n}`,
});
const registerAccepted = { deviceConfiguration: { fleet: 'amr' }, thingName: 'amr-001' };
const rejection = (statusCode: number, errorCode: string, errorMessage = 'nope') => ({
  statusCode,
  errorCode,
  errorMessage,
});

/** What the fake AWS does with the next request: answer on a reply topic, send raw bytes, or stay silent. */
type Answer =
  | { reply: 'accepted' | 'rejected'; body: unknown }
  | { reply: 'accepted' | 'rejected'; raw: Uint8Array | string }
  | 'silent';

function encode(format: PayloadFormat, body: unknown): Uint8Array {
  return format === 'json' ? new TextEncoder().encode(JSON.stringify(body)) : encodeCbor(body);
}

function decode(format: PayloadFormat, bytes: Uint8Array): unknown {
  return format === 'json'
    ? (JSON.parse(new TextDecoder().decode(bytes)) as unknown)
    : (decodeCbor(bytes) as unknown);
}

/** Answers each publish with the next scripted answer, asynchronously as a broker would. */
function respond(fake: FakeConnection, format: PayloadFormat, answers: Answer[]): void {
  fake.onPublish = (topic) => {
    const answer = answers.shift();
    if (answer === undefined || answer === 'silent') {
      return;
    }
    const payload = 'raw' in answer ? answer.raw : encode(format, answer.body);
    void Promise.resolve().then(() => fake.deliver(`${topic}/${answer.reply}`, payload));
  };
}

async function flush(): Promise<void> {
  for (let i = 0; i < 20; i += 1) {
    await Promise.resolve();
  }
}

async function failure(promise: Promise<unknown>): Promise<ProvisioningError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProvisioningError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('createProvisioningClient', () => {
  let fake: FakeConnection;
  let now: number;
  let sleeps: number[];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };

  function client(overrides: Partial<ProvisioningClientOptions> = {}) {
    return createProvisioningClient({
      connection: fake,
      random: () => 0.5,
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      clock: { now: () => now },
      ...overrides,
    });
  }

  beforeAll(() => process.on('unhandledRejection', onUnhandled));
  afterAll(() => process.off('unhandledRejection', onUnhandled));

  beforeEach(() => {
    jest.useFakeTimers();
    fake = createFakeConnection();
    now = Date.UTC(2025, 0, 1);
    sleeps = [];
    unhandled.length = 0;
  });

  afterEach(async () => {
    await flush();
    expect(unhandled).toEqual([]);
    jest.useRealTimers();
  });

  describe('request and answer', () => {
    it('subscribes to accepted and rejected and waits for the SUBACK before publishing', async () => {
      let suback!: () => void;
      fake.subackGate = new Promise((resolve) => (suback = resolve));
      respond(fake, 'json', [{ reply: 'accepted', body: keysAccepted() }]);
      const provisioning = client();

      const pending = provisioning.createKeysAndCertificate();
      await flush();
      expect(fake.events).toEqual([
        {
          kind: 'subscribe',
          filters: [
            '$aws/certificates/create/json/accepted',
            '$aws/certificates/create/json/rejected',
          ],
        },
      ]);

      suback();
      await expect(pending).resolves.toEqual(keysAccepted());
      expect(fake.events.map((event) => event.kind)).toEqual(['subscribe', 'suback', 'publish']);
      await provisioning.dispose();
    });

    it('CreateKeysAndCertificate publishes {} in JSON and resolves the accepted answer', async () => {
      respond(fake, 'json', [{ reply: 'accepted', body: { ...keysAccepted(), extra: 'ignored' } }]);
      const provisioning = client();

      await expect(provisioning.createKeysAndCertificate()).resolves.toEqual(keysAccepted());
      const [request] = fake.published();
      expect(request?.topic).toBe('$aws/certificates/create/json');
      expect(new TextDecoder().decode(request?.payload)).toBe('{}');
      await provisioning.dispose();
    });

    it.each(['json', 'cbor'] as const)(
      'CreateCertificateFromCsr and RegisterThing speak %s both ways',
      async (format) => {
        respond(fake, format, [
          { reply: 'accepted', body: csrAccepted() },
          { reply: 'accepted', body: registerAccepted },
        ]);
        const provisioning = client({ format });

        const certificate = await provisioning.createCertificateFromCsr(TEST_CSR_PEM);
        expect(certificate).toEqual(csrAccepted());
        const thing = await provisioning.registerThing('AmrFleet', {
          certificateOwnershipToken: certificate.certificateOwnershipToken,
          parameters: { serial: '001' },
        });
        expect(thing).toEqual(registerAccepted);

        const [csrRequest, registerRequest] = fake.published();
        expect(csrRequest?.topic).toBe(`$aws/certificates/create-from-csr/${format}`);
        expect(decode(format, csrRequest?.payload ?? new Uint8Array())).toEqual({
          certificateSigningRequest: TEST_CSR_PEM,
        });
        expect(registerRequest?.topic).toBe(
          `$aws/provisioning-templates/AmrFleet/provision/${format}`,
        );
        expect(decode(format, registerRequest?.payload ?? new Uint8Array())).toEqual({
          certificateOwnershipToken: `${TOKEN}-1`,
          parameters: { serial: '001' },
        });
        expect(fake.events.filter((event) => event.kind === 'subscribe')).toEqual([
          {
            kind: 'subscribe',
            filters: [
              `$aws/certificates/create-from-csr/${format}/accepted`,
              `$aws/certificates/create-from-csr/${format}/rejected`,
            ],
          },
          {
            kind: 'subscribe',
            filters: [
              `$aws/provisioning-templates/AmrFleet/provision/${format}/accepted`,
              `$aws/provisioning-templates/AmrFleet/provision/${format}/rejected`,
            ],
          },
        ]);
        await provisioning.dispose();
      },
    );

    it('omits parameters from the RegisterThing request when none are given', async () => {
      respond(fake, 'json', [{ reply: 'accepted', body: { deviceConfiguration: {} } }]);
      const provisioning = client();

      await expect(
        provisioning.registerThing('AmrFleet', { certificateOwnershipToken: TOKEN }),
      ).resolves.toEqual({ deviceConfiguration: {} });
      const [request] = fake.published();
      expect(new TextDecoder().decode(request?.payload)).toBe(
        JSON.stringify({ certificateOwnershipToken: TOKEN }),
      );
      await provisioning.dispose();
    });

    it('keeps the subscriptions for later calls of the same kind', async () => {
      respond(fake, 'json', [
        { reply: 'accepted', body: keysAccepted(1) },
        { reply: 'accepted', body: keysAccepted(2) },
      ]);
      const provisioning = client();

      await provisioning.createKeysAndCertificate();
      await provisioning.createKeysAndCertificate();
      expect(fake.events.filter((event) => event.kind === 'subscribe')).toHaveLength(1);
      expect(fake.published()).toHaveLength(2);
      await provisioning.dispose();
    });
  });

  describe('rejected answers and retries', () => {
    it('rejects with REJECTED carrying AWS payload, without retrying a 400', async () => {
      const awsRejection = rejection(
        400,
        'InvalidCertificateOwnershipToken',
        'Certificate ownership token cannot be empty.',
      );
      respond(fake, 'json', [{ reply: 'rejected', body: awsRejection }]);
      const provisioning = client();

      const error = await failure(
        provisioning.registerThing('AmrFleet', { certificateOwnershipToken: TOKEN }),
      );
      expect(error.code).toBe('REJECTED');
      expect(error.operation).toBe('RegisterThing');
      expect(error.rejection).toEqual(awsRejection);
      expect(error.message).toBe(
        'RegisterThing rejected by AWS IoT: 400 InvalidCertificateOwnershipToken: Certificate ownership token cannot be empty.',
      );
      expect(error.message).not.toContain(TOKEN);
      expect(fake.published()).toHaveLength(1);
      expect(sleeps).toEqual([]);
      await provisioning.dispose();
    });

    it('retries 429 and 500 with growing full-jitter backoff, then resolves', async () => {
      respond(fake, 'cbor', [
        { reply: 'rejected', body: rejection(429, 'ThrottlingException') },
        { reply: 'rejected', body: rejection(500, 'InternalFailure') },
        { reply: 'rejected', body: rejection(503, 'ServiceUnavailable') },
        { reply: 'accepted', body: csrAccepted() },
      ]);
      const provisioning = client({ format: 'cbor' });

      await expect(provisioning.createCertificateFromCsr(TEST_CSR_PEM)).resolves.toEqual(
        csrAccepted(),
      );
      expect(fake.published()).toHaveLength(4);
      // random() = 0.5 of min(30 000, 1 000 * 2^(n-1)).
      expect(sleeps).toEqual([500, 1_000, 2_000]);
      expect(fake.events.filter((event) => event.kind === 'subscribe')).toHaveLength(1);
      await provisioning.dispose();
    });

    it('gives up after retry.attempts with the last error', async () => {
      respond(
        fake,
        'json',
        Array(3).fill({ reply: 'rejected', body: rejection(500, 'InternalFailure') }),
      );
      const provisioning = client({ retry: { attempts: 3 } });

      const error = await failure(provisioning.createKeysAndCertificate());
      expect(error.code).toBe('REJECTED');
      expect(error.rejection?.statusCode).toBe(500);
      expect(fake.published()).toHaveLength(3);
      expect(sleeps).toEqual([500, 1_000]);
      await provisioning.dispose();
    });

    it('caps the backoff at retry.maxDelayMs', async () => {
      respond(
        fake,
        'json',
        Array(6).fill({ reply: 'rejected', body: rejection(429, 'Throttled') }),
      );
      const provisioning = client({
        retry: { attempts: 6, baseDelayMs: 1_000, maxDelayMs: 4_000 },
        random: () => 0.999,
      });

      await failure(provisioning.createKeysAndCertificate());
      expect(sleeps).toEqual([999, 1_998, 3_996, 3_996, 3_996]);
      await provisioning.dispose();
    });

    it('times out with TIMEOUT and retries on the default sleep under fake time', async () => {
      respond(fake, 'json', ['silent', 'silent', 'silent']);
      const provisioning = createProvisioningClient({
        connection: fake,
        timeoutMs: 1_000,
        retry: { attempts: 3, baseDelayMs: 1_000 },
        random: () => 0.5,
      });

      const pending = failure(provisioning.createKeysAndCertificate());
      await jest.advanceTimersByTimeAsync(1_499); // timeout at 1 000 + backoff 500
      expect(fake.published()).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(fake.published()).toHaveLength(2);
      await jest.advanceTimersByTimeAsync(1_999); // timeout at 2 500 + backoff 1 000
      expect(fake.published()).toHaveLength(2);
      await jest.advanceTimersByTimeAsync(1);
      expect(fake.published()).toHaveLength(3);
      await jest.advanceTimersByTimeAsync(1_000);

      const error = await pending;
      expect(error.code).toBe('TIMEOUT');
      expect(error.message).toBe(
        'No CreateKeysAndCertificate answer within 1000 ms, expected one on "$aws/certificates/create/json/accepted" or "$aws/certificates/create/json/rejected" after publishing to "$aws/certificates/create/json"',
      );
      expect(jest.getTimerCount()).toBe(0);
      await provisioning.dispose();
    });

    it('answers a timed-out try late: the next try takes it (no correlation token)', async () => {
      respond(fake, 'json', ['silent', 'silent']);
      const provisioning = client({ timeoutMs: 1_000 });

      const pending = provisioning.createKeysAndCertificate();
      await jest.advanceTimersByTimeAsync(1_000);
      expect(fake.published()).toHaveLength(2);
      fake.deliver('$aws/certificates/create/json/accepted', JSON.stringify(keysAccepted(7)));
      await expect(pending).resolves.toEqual(keysAccepted(7));
      await provisioning.dispose();
    });
  });

  describe('invalid answers', () => {
    it.each([
      ['not JSON', '{"certificateId":'],
      ['the wrong shape', JSON.stringify({ ...keysAccepted(), certificateId: 'x' })],
      ['a missing field', JSON.stringify({ ...keysAccepted(), certificatePem: undefined })],
      ['CBOR on a JSON topic', encodeCbor(keysAccepted())],
    ])('fails at once with INVALID_RESPONSE on %s, without retrying', async (_name, raw) => {
      respond(fake, 'json', [{ reply: 'accepted', raw }]);
      const provisioning = client();

      const error = await failure(provisioning.createKeysAndCertificate());
      expect(error.code).toBe('INVALID_RESPONSE');
      expect(error.message).toMatch(
        /^Unexpected CreateKeysAndCertificate answer on "\$aws\/certificates\/create\/json\/accepted" \(.+\), expected the AWS accepted payload$/,
      );
      expect(error.message).not.toContain('PRIVATEKEYMATERIAL');
      expect(error.message).not.toContain(TOKEN);
      expect(fake.published()).toHaveLength(1);
      await provisioning.dispose();
    });

    it('fails with INVALID_RESPONSE on a rejected payload of the wrong shape', async () => {
      respond(fake, 'cbor', [{ reply: 'rejected', body: { statusCode: '500' } }]);
      const provisioning = client({ format: 'cbor' });

      const error = await failure(provisioning.createKeysAndCertificate());
      expect(error.code).toBe('INVALID_RESPONSE');
      expect(error.message).toContain('expected the AWS rejected payload');
      expect(error.cause).toBeDefined();
      await provisioning.dispose();
    });
  });

  describe('one request of each kind in flight', () => {
    it('queues a concurrent call of the same kind until the first is answered', async () => {
      const provisioning = client();

      const first = provisioning.createCertificateFromCsr(TEST_CSR_PEM);
      const second = provisioning.createCertificateFromCsr(TEST_CSR_PEM);
      await flush();
      expect(fake.published()).toHaveLength(1);

      fake.deliver(
        '$aws/certificates/create-from-csr/json/accepted',
        JSON.stringify(csrAccepted(1)),
      );
      await expect(first).resolves.toEqual(csrAccepted(1));
      await flush();
      expect(fake.published()).toHaveLength(2);

      fake.deliver(
        '$aws/certificates/create-from-csr/json/accepted',
        JSON.stringify(csrAccepted(2)),
      );
      await expect(second).resolves.toEqual(csrAccepted(2));
      await provisioning.dispose();
    });

    it('starts the queued call after the first one failed', async () => {
      respond(fake, 'json', [
        { reply: 'rejected', body: rejection(403, 'Forbidden') },
        { reply: 'accepted', body: keysAccepted(2) },
      ]);
      const provisioning = client();

      const first = failure(provisioning.createKeysAndCertificate());
      const second = provisioning.createKeysAndCertificate();
      expect((await first).code).toBe('REJECTED');
      await expect(second).resolves.toEqual(keysAccepted(2));
      await provisioning.dispose();
    });

    it('runs different kinds concurrently', async () => {
      const provisioning = client();

      const keys = provisioning.createKeysAndCertificate();
      const csr = provisioning.createCertificateFromCsr(TEST_CSR_PEM);
      await flush();
      expect(fake.published().map((request) => request.topic)).toEqual([
        '$aws/certificates/create/json',
        '$aws/certificates/create-from-csr/json',
      ]);
      fake.deliver(
        '$aws/certificates/create-from-csr/json/accepted',
        JSON.stringify(csrAccepted(2)),
      );
      fake.deliver('$aws/certificates/create/json/accepted', JSON.stringify(keysAccepted(1)));
      await expect(keys).resolves.toEqual(keysAccepted(1));
      await expect(csr).resolves.toEqual(csrAccepted(2));
      await provisioning.dispose();
    });

    it('ignores messages on other topics', async () => {
      const provisioning = client();

      const pending = provisioning.createCertificateFromCsr(TEST_CSR_PEM);
      let settled = false;
      void pending.finally(() => (settled = true));
      await flush();
      fake.deliver('amr/amr-001/status', '{"state":"idle"}');
      fake.deliver('$aws/certificates/create/json/accepted', JSON.stringify(keysAccepted()));
      fake.deliver('$aws/certificates/create-from-csr/cbor/accepted', encodeCbor(csrAccepted()));
      fake.deliver('$aws/certificates/create-from-csr/json', '{}');
      await flush();
      expect(settled).toBe(false);

      fake.deliver(
        '$aws/certificates/create-from-csr/json/accepted',
        JSON.stringify(csrAccepted()),
      );
      await expect(pending).resolves.toEqual(csrAccepted());
      await provisioning.dispose();
    });
  });

  describe('ownership token lifetime', () => {
    const HOUR = 3_600_000;

    async function obtainToken(provisioning: ReturnType<typeof client>): Promise<string> {
      const certificate = await provisioning.createCertificateFromCsr(TEST_CSR_PEM);
      return certificate.certificateOwnershipToken;
    }

    it('retries RegisterThing while the token outlives the backoff', async () => {
      respond(fake, 'json', [
        { reply: 'accepted', body: csrAccepted() },
        { reply: 'rejected', body: rejection(500, 'InternalFailure') },
        { reply: 'accepted', body: registerAccepted },
      ]);
      const provisioning = client();
      const token = await obtainToken(provisioning);

      now += HOUR / 2;
      await expect(
        provisioning.registerThing('AmrFleet', { certificateOwnershipToken: token }),
      ).resolves.toEqual(registerAccepted);
      expect(sleeps).toEqual([500]);
      await provisioning.dispose();
    });

    it('does not retry RegisterThing when the token would expire during the backoff', async () => {
      respond(fake, 'json', [
        { reply: 'accepted', body: csrAccepted() },
        { reply: 'rejected', body: rejection(500, 'InternalFailure') },
      ]);
      const provisioning = client();
      const token = await obtainToken(provisioning);

      now += HOUR - 400; // the first backoff would be 500 ms
      const error = await failure(
        provisioning.registerThing('AmrFleet', { certificateOwnershipToken: token }),
      );
      expect(error.code).toBe('REJECTED');
      expect(sleeps).toEqual([]);
      expect(fake.published()).toHaveLength(2);
      await provisioning.dispose();
    });

    it('refuses a token known to be expired without publishing', async () => {
      respond(fake, 'json', [{ reply: 'accepted', body: csrAccepted() }]);
      const provisioning = client();
      const token = await obtainToken(provisioning);

      now += HOUR;
      const error = await failure(
        provisioning.registerThing('AmrFleet', { certificateOwnershipToken: token }),
      );
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.message).toContain('issued at 2025-01-01T00:00:00.000Z');
      expect(error.message).not.toContain(token);
      expect(fake.published()).toHaveLength(1);
      await provisioning.dispose();
    });

    it('counts the token age from tokenIssuedAt for a token fetched elsewhere', async () => {
      respond(fake, 'json', [{ reply: 'rejected', body: rejection(429, 'Throttled') }]);
      const provisioning = client();

      const error = await failure(
        provisioning.registerThing('AmrFleet', {
          certificateOwnershipToken: TOKEN,
          tokenIssuedAt: now - HOUR + 100,
        }),
      );
      expect(error.code).toBe('REJECTED');
      expect(fake.published()).toHaveLength(1);
      expect(sleeps).toEqual([]);

      const expired = await failure(
        provisioning.registerThing('AmrFleet', {
          certificateOwnershipToken: TOKEN,
          tokenIssuedAt: now - HOUR,
        }),
      );
      expect(expired.code).toBe('INVALID_ARGUMENT');
      expect(fake.published()).toHaveLength(1);
      await provisioning.dispose();
    });
  });

  describe('input validation (nothing is published)', () => {
    it.each([
      ['an empty CSR', ''],
      ['a certificate instead of a CSR', CERT_PEM],
      ['a private key', PRIVATE_KEY],
      ['a CSR with broken base64', TEST_CSR_PEM.replace('MIHN', 'MI*N')],
    ])('refuses %s with INVALID_ARGUMENT', async (_name, csr) => {
      const provisioning = client();

      const error = await failure(provisioning.createCertificateFromCsr(csr));
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.message).not.toContain('PRIVATEKEYMATERIAL');
      expect(fake.events).toEqual([]);
      await provisioning.dispose();
    });

    it.each([
      ['a bad template name', 'Amr/Fleet', { certificateOwnershipToken: TOKEN }],
      ['a too long template name', 'a'.repeat(37), { certificateOwnershipToken: TOKEN }],
      ['an empty token', 'AmrFleet', { certificateOwnershipToken: '' }],
      ['a missing token', 'AmrFleet', {}],
      [
        'a number parameter',
        'AmrFleet',
        { certificateOwnershipToken: TOKEN, parameters: { serial: 1 } },
      ],
      ['array parameters', 'AmrFleet', { certificateOwnershipToken: TOKEN, parameters: ['x'] }],
      ['no options', 'AmrFleet', undefined],
      [
        'a bad tokenIssuedAt',
        'AmrFleet',
        { certificateOwnershipToken: TOKEN, tokenIssuedAt: Number.NaN },
      ],
    ])('refuses RegisterThing with %s', async (_name, templateName, options) => {
      const provisioning = client();

      const error = await failure(
        // Runtime callers (JS, config files) can pass anything.
        provisioning.registerThing(templateName, options as never),
      );
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.operation).toBe('RegisterThing');
      expect(error.message).not.toContain(TOKEN);
      expect(fake.events).toEqual([]);
      await provisioning.dispose();
    });

    it('names the template name received and the pattern expected', async () => {
      const provisioning = client();

      const error = await failure(
        provisioning.registerThing('Amr/Fleet', { certificateOwnershipToken: TOKEN }),
      );
      expect(error.message).toContain('"Amr/Fleet"');
      expect(error.message).toContain('[0-9A-Za-z_-]{1,36}');
      expect(error.cause).toBeInstanceOf(Error);
      await provisioning.dispose();
    });

    it.each([
      ['format', { format: 'xml' as never }],
      ['timeoutMs', { timeoutMs: 0 }],
      ['retry.attempts', { retry: { attempts: 0 } }],
      ['retry.maxDelayMs', { retry: { baseDelayMs: 5_000, maxDelayMs: 1_000 } }],
    ])('refuses an invalid %s option', (name, options) => {
      expect(() => client(options)).toThrow(ProvisioningError);
      expect(() => client(options)).toThrow(name);
    });
  });

  describe('connection failures', () => {
    it('fails with CONNECTION when the subscription is refused, and subscribes again next time', async () => {
      const refused = Promise.reject(new Error('SUBACK 0x80'));
      refused.catch(() => undefined);
      fake.subackGate = refused;
      const provisioning = client();

      const error = await failure(provisioning.createKeysAndCertificate());
      expect(error.code).toBe('CONNECTION');
      expect(error.message).toBe(
        'Subscribing to "$aws/certificates/create/json/accepted" and "$aws/certificates/create/json/rejected" failed, expected a SUBACK granting QoS 1',
      );
      expect(error.cause).toEqual(new Error('SUBACK 0x80'));
      expect(fake.published()).toEqual([]);

      fake.subackGate = undefined;
      respond(fake, 'json', [{ reply: 'accepted', body: keysAccepted() }]);
      await expect(provisioning.createKeysAndCertificate()).resolves.toEqual(keysAccepted());
      expect(fake.events.filter((event) => event.kind === 'subscribe')).toHaveLength(2);
      expect(jest.getTimerCount()).toBe(0);
      await provisioning.dispose();
    });

    it('fails with CONNECTION when the publish fails', async () => {
      fake.publishError = new Error('client disconnecting');
      const provisioning = client();

      const error = await failure(provisioning.createKeysAndCertificate());
      expect(error.code).toBe('CONNECTION');
      expect(error.message).toContain('"$aws/certificates/create/json"');
      expect(jest.getTimerCount()).toBe(0);
      await provisioning.dispose();
    });
  });

  describe('dispose', () => {
    it('rejects in-flight and queued calls with DISPOSED and clears every timer', async () => {
      const provisioning = client();

      const inFlight = failure(provisioning.createKeysAndCertificate());
      const queued = failure(provisioning.createKeysAndCertificate());
      await flush();
      expect(jest.getTimerCount()).toBe(1);

      await provisioning.dispose();
      expect((await inFlight).code).toBe('DISPOSED');
      expect((await queued).code).toBe('DISPOSED');
      expect(fake.published()).toHaveLength(1);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('ends a backoff at once', async () => {
      respond(fake, 'json', [{ reply: 'rejected', body: rejection(429, 'Throttled') }]);
      const provisioning = createProvisioningClient({ connection: fake, random: () => 0.5 });

      const pending = failure(provisioning.createKeysAndCertificate());
      await flush();
      expect(jest.getTimerCount()).toBe(1); // the backoff
      await provisioning.dispose();
      expect((await pending).code).toBe('DISPOSED');
      expect(jest.getTimerCount()).toBe(0);
    });

    it('removes the message listener and unsubscribes the kept topics', async () => {
      respond(fake, 'json', [
        { reply: 'accepted', body: keysAccepted() },
        { reply: 'accepted', body: registerAccepted },
      ]);
      const provisioning = client();
      await provisioning.createKeysAndCertificate();
      await provisioning.registerThing('AmrFleet', { certificateOwnershipToken: `${TOKEN}-1` });
      expect(fake.listenerCount()).toBe(1);

      await provisioning.dispose();
      expect(fake.listenerCount()).toBe(0);
      expect(fake.events.at(-1)).toEqual({
        kind: 'unsubscribe',
        filters: [
          '$aws/certificates/create/json/accepted',
          '$aws/certificates/create/json/rejected',
          '$aws/provisioning-templates/AmrFleet/provision/json/accepted',
          '$aws/provisioning-templates/AmrFleet/provision/json/rejected',
        ],
      });
      await provisioning.dispose();
      expect(fake.events.filter((event) => event.kind === 'unsubscribe')).toHaveLength(1);
    });

    it('does not wait forever for an UNSUBACK and never rejects', async () => {
      fake.unsubscribe = () => new Promise<void>(() => undefined);
      respond(fake, 'json', [{ reply: 'accepted', body: keysAccepted() }]);
      const provisioning = client({ timeoutMs: 2_000 });
      await provisioning.createKeysAndCertificate();

      let done = false;
      void provisioning.dispose().then(() => (done = true));
      await jest.advanceTimersByTimeAsync(2_000);
      expect(done).toBe(true);
      expect(jest.getTimerCount()).toBe(0);

      fake.unsubscribe = () => Promise.reject(new Error('client disconnecting'));
      const other = client();
      respond(fake, 'json', [{ reply: 'accepted', body: keysAccepted() }]);
      await other.createKeysAndCertificate();
      await expect(other.dispose()).resolves.toBeUndefined();
    });

    it('rejects calls made after dispose with DISPOSED', async () => {
      const provisioning = client();
      await provisioning.dispose();

      expect((await failure(provisioning.createKeysAndCertificate())).code).toBe('DISPOSED');
      expect((await failure(provisioning.createCertificateFromCsr(TEST_CSR_PEM))).code).toBe(
        'DISPOSED',
      );
      expect(
        (
          await failure(
            provisioning.registerThing('AmrFleet', { certificateOwnershipToken: TOKEN }),
          )
        ).code,
      ).toBe('DISPOSED');
      expect(fake.events).toEqual([]);
    });
  });
});
