import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AttachThingPrincipalCommand,
  CreateThingCommand,
  IoTClient,
  ListThingsCommand,
} from '@aws-sdk/client-iot';
import { createCredentialStore } from '../context/createCredentialStore.js';
import type { CredentialRecord } from '../context/CredentialStore.js';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { parseAmzDate } from './parseAmzDate.js';
import { sigV4ErrorType } from './sigV4ErrorType.js';
import { verifySignedRequest, type ReceivedRequest } from './verifySignedRequest.js';

const ADMIN: CredentialRecord = {
  accessKeyId: 'AKIALOCALADMIN000001',
  secretAccessKey: 'admin/secret+key=0000000000000000000000',
  identity: { kind: 'admin' },
};
const TEMP: CredentialRecord = {
  accessKeyId: 'ASIALOCALTEMP0000001',
  secretAccessKey: 'temp-secret',
  sessionToken: 'IQoJb3JpZ2luX2VjEJr//////////wEaDmFw+token=',
  expiresAt: Date.now() + 3_600_000,
  identity: { kind: 'iam', iamPolicies: [] },
};
const store = createCredentialStore([ADMIN, TEMP]);

/** Runs SDK calls against a server that records what arrived and answers `{}`. */
async function capture(
  credential: CredentialRecord,
  calls: (client: IoTClient) => Promise<unknown>[],
): Promise<ReceivedRequest[]> {
  const received: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      received.push({
        method: req.method ?? 'GET',
        path: q === -1 ? url : url.slice(0, q),
        query: q === -1 ? '' : url.slice(q + 1),
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new IoTClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'ap-northeast-1',
    credentials: {
      accessKeyId: credential.accessKeyId,
      secretAccessKey: credential.secretAccessKey,
      ...(credential.sessionToken ? { sessionToken: credential.sessionToken } : {}),
    },
    maxAttempts: 1,
  });
  try {
    await Promise.all(calls(client));
  } finally {
    client.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return received;
}

async function rejection(
  promise: Promise<unknown>,
): Promise<{ code: string; type: string | undefined; message: string }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LocalCloudError);
    return {
      code: (error as LocalCloudError).code,
      type: sigV4ErrorType(error),
      message: (error as LocalCloudError).message,
    };
  }
  throw new Error('expected a rejection');
}

describe('verifySignedRequest with requests of the real @aws-sdk/client-iot', () => {
  const options = { credentials: store, service: 'iot', region: 'ap-northeast-1' };

  it('verifies a POST with a JSON body and an encoded path, a GET with a query and a principal header', async () => {
    const requests = await capture(ADMIN, (iot) => [
      iot.send(
        new CreateThingCommand({
          thingName: 'robot:001',
          attributePayload: { attributes: { site: 'tokyo bay' } },
        }),
      ),
      iot.send(
        new ListThingsCommand({
          maxResults: 5,
          attributeName: 'site',
          attributeValue: 'a/b c',
          nextToken: 'abc+/=',
        }),
      ),
      iot.send(
        new AttachThingPrincipalCommand({
          thingName: 'robot-001',
          principal: 'arn:aws:iot:ap-northeast-1:123456789012:cert/abc',
        }),
      ),
    ]);
    expect(requests).toHaveLength(3);
    for (const request of requests) {
      const dated = String(request.headers['x-amz-date']);
      const now = parseAmzDate(dated) ?? 0;
      await expect(verifySignedRequest(request, { ...options, now })).resolves.toEqual(ADMIN);
    }
    expect(requests.map((r) => r.path)).toContain('/things/robot%3A001');
    expect(requests.some((r) => r.query.includes('attributeValue='))).toBe(true);
  });

  describe('refusals', () => {
    let request: ReceivedRequest;
    let now: number;
    beforeAll(async () => {
      [request] = (await capture(ADMIN, (iot) => [
        iot.send(
          new CreateThingCommand({
            thingName: 'robot-001',
            attributePayload: { attributes: { a: '1' } },
          }),
        ),
      ])) as [ReceivedRequest];
      const d = String(request.headers['x-amz-date']);
      now = parseAmzDate(d) ?? 0;
    });

    it('refuses a changed body, path, query or signed header', async () => {
      const body = Buffer.from(
        String(request.body ? Buffer.from(request.body) : '').replace('"1"', '"2"'),
      );
      expect(
        await rejection(verifySignedRequest({ ...request, body }, { ...options, now })),
      ).toMatchObject({
        code: 'FORBIDDEN',
        type: 'InvalidSignatureException',
        message: expect.stringContaining('does not match') as unknown,
      });
      expect(
        await rejection(
          verifySignedRequest({ ...request, path: '/things/robot-002' }, { ...options, now }),
        ),
      ).toMatchObject({ type: 'InvalidSignatureException' });
      expect(
        await rejection(verifySignedRequest({ ...request, query: 'x=1' }, { ...options, now })),
      ).toMatchObject({ type: 'InvalidSignatureException' });
      expect(
        await rejection(
          verifySignedRequest(
            { ...request, headers: { ...request.headers, host: 'other:1' } },
            { ...options, now },
          ),
        ),
      ).toMatchObject({ type: 'InvalidSignatureException' });
    });

    it('refuses a tampered signature', async () => {
      const auth = String(request.headers.authorization);
      const tampered = auth.replace(
        /Signature=(.)/,
        (_, c: string) => `Signature=${c === 'a' ? 'b' : 'a'}`,
      );
      expect(
        await rejection(
          verifySignedRequest(
            { ...request, headers: { ...request.headers, authorization: tampered } },
            { ...options, now },
          ),
        ),
      ).toMatchObject({ type: 'InvalidSignatureException' });
    });

    it('refuses a clock skew over 15 minutes either way', async () => {
      await expect(
        verifySignedRequest(request, { ...options, now: now + 15 * 60_000 }),
      ).resolves.toEqual(ADMIN);
      expect(
        await rejection(
          verifySignedRequest(request, { ...options, now: now + 15 * 60_000 + 1000 }),
        ),
      ).toMatchObject({
        type: 'InvalidSignatureException',
        message: expect.stringMatching(
          /^Signature expired: \d{8}T\d{6}Z is now earlier than/,
        ) as unknown,
      });
      expect(
        await rejection(verifySignedRequest(request, { ...options, now: now - 16 * 60_000 })),
      ).toMatchObject({
        type: 'InvalidSignatureException',
        message: expect.stringMatching(/^Signature not yet current/) as unknown,
      });
    });

    it('refuses the wrong service or region', async () => {
      expect(
        await rejection(verifySignedRequest(request, { ...options, service: 'iotdata', now })),
      ).toMatchObject({
        type: 'InvalidSignatureException',
        message: "Credential should be scoped to correct service: 'iotdata'.",
      });
      expect(
        await rejection(verifySignedRequest(request, { ...options, region: 'us-east-1', now })),
      ).toMatchObject({ type: 'InvalidSignatureException' });
    });

    it('refuses an unknown key, a missing header and a body that does not match x-amz-content-sha256', async () => {
      expect(
        await rejection(
          verifySignedRequest(request, { ...options, credentials: createCredentialStore(), now }),
        ),
      ).toMatchObject({
        code: 'UNAUTHORIZED',
        type: 'UnrecognizedClientException',
        message: 'The security token included in the request is invalid.',
      });
      const { authorization: _a, ...noAuth } = request.headers;
      expect(
        await rejection(verifySignedRequest({ ...request, headers: noAuth }, { ...options, now })),
      ).toMatchObject({ code: 'UNAUTHORIZED', type: 'MissingAuthenticationTokenException' });
      expect(
        await rejection(
          verifySignedRequest(
            { ...request, headers: { ...request.headers, authorization: 'Bearer abc' } },
            { ...options, now },
          ),
        ),
      ).toMatchObject({ type: 'IncompleteSignatureException' });
      const { 'x-amz-date': _d, ...noDate } = request.headers;
      expect(
        await rejection(verifySignedRequest({ ...request, headers: noDate }, { ...options, now })),
      ).toMatchObject({ type: 'IncompleteSignatureException' });
      expect(
        await rejection(
          verifySignedRequest(
            { ...request, headers: { ...request.headers, 'x-amz-content-sha256': '0'.repeat(64) } },
            { ...options, now },
          ),
        ),
      ).toMatchObject({
        type: 'InvalidSignatureException',
        message: expect.stringContaining('x-amz-content-sha256') as unknown,
      });
    });
  });

  it('verifies temporary credentials with their session token and refuses a wrong or missing one', async () => {
    const [request] = (await capture(TEMP, (iot) => [iot.send(new ListThingsCommand({}))])) as [
      ReceivedRequest,
    ];
    const d = String(request.headers['x-amz-date']);
    const now = parseAmzDate(d) ?? 0;
    await expect(verifySignedRequest(request, { ...options, now })).resolves.toEqual(TEMP);
    expect(
      await rejection(
        verifySignedRequest(
          { ...request, headers: { ...request.headers, 'x-amz-security-token': 'forged' } },
          { ...options, now },
        ),
      ),
    ).toMatchObject({ type: 'UnrecognizedClientException' });
    const { 'x-amz-security-token': _t, ...noToken } = request.headers;
    expect(
      await rejection(verifySignedRequest({ ...request, headers: noToken }, { ...options, now })),
    ).toMatchObject({ type: 'UnrecognizedClientException' });
    expect(
      await rejection(verifySignedRequest(request, { ...options, now: TEMP.expiresAt ?? 0 })),
    ).toMatchObject({ code: 'UNAUTHORIZED', type: 'ExpiredTokenException' });
  });
});
