import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IoTClient } from '@aws-sdk/client-iot';
import { CloudFunctionError } from '../errors/CloudFunctionError.js';
import { fromIotClient } from './fromIotClient.js';
import type { IotControlPort } from './types.js';

interface SeenRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  principal: string | undefined;
  body: unknown;
}

type Route = (request: SeenRequest) => { status: number; body?: unknown; errorType?: string };

const CERT_ID = 'a'.repeat(64);
const CERT_ARN = `arn:aws:iot:ap-northeast-1:123456789012:cert/${CERT_ID}`;

let server: Server;
let seen: SeenRequest[];
let route: Route;
let port: IotControlPort;

beforeEach(async () => {
  seen = [];
  route = () => ({ status: 200, body: {} });
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const text = Buffer.concat(chunks).toString('utf8');
      const principal = req.headers['x-amzn-principal'];
      const request: SeenRequest = {
        method: req.method ?? '',
        path: decodeURIComponent(url.pathname),
        query: Object.fromEntries(url.searchParams),
        principal: typeof principal === 'string' ? principal : undefined,
        body: text === '' ? undefined : (JSON.parse(text) as unknown),
      };
      seen.push(request);
      const answer = route(request);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (answer.errorType !== undefined) {
        headers['x-amzn-errortype'] = answer.errorType;
      }
      res.writeHead(answer.status, headers);
      res.end(JSON.stringify(answer.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: listening } = server.address() as AddressInfo;
  port = fromIotClient(
    new IoTClient({
      region: 'ap-northeast-1',
      endpoint: `http://127.0.0.1:${listening}`,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      maxAttempts: 1,
    }),
  );
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const notFound = () => ({
  status: 404,
  errorType: 'ResourceNotFoundException',
  body: { message: 'not found' },
});

describe('fromIotClient', () => {
  it('DescribeCertificate maps the description, dates included', async () => {
    route = () => ({
      status: 200,
      body: {
        certificateDescription: {
          certificateId: CERT_ID,
          certificateArn: CERT_ARN,
          status: 'ACTIVE',
          certificatePem: 'PEM',
          creationDate: 1_700_000_000,
          caCertificateId: 'b'.repeat(64),
          validity: { notBefore: 1_700_000_000, notAfter: 1_731_536_000 },
        },
      },
    });
    await expect(port.describeCertificate(CERT_ID)).resolves.toEqual({
      certificateId: CERT_ID,
      certificateArn: CERT_ARN,
      status: 'ACTIVE',
      certificatePem: 'PEM',
      creationDate: new Date(1_700_000_000_000),
      caCertificateId: 'b'.repeat(64),
      notBefore: new Date(1_700_000_000_000),
      notAfter: new Date(1_731_536_000_000),
    });
    expect(seen[0]).toMatchObject({ method: 'GET', path: `/certificates/${CERT_ID}` });
  });

  it('maps ResourceNotFoundException to undefined', async () => {
    route = notFound;
    await expect(port.describeCertificate(CERT_ID)).resolves.toBeUndefined();
    await expect(port.describeThing('amr-001')).resolves.toBeUndefined();
    await expect(port.listThingPrincipals('amr-001')).resolves.toBeUndefined();
  });

  it('wraps other errors in CloudFunctionError AWS_ERROR', async () => {
    route = () => ({ status: 400, errorType: 'InvalidRequestException', body: { message: 'bad' } });
    const error: unknown = await port
      .updateCertificate(CERT_ID, 'INACTIVE')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CloudFunctionError);
    expect(error).toMatchObject({ code: 'AWS_ERROR' });
    expect((error as Error).message).toContain('UpdateCertificate');
    expect((error as Error).message).toContain('InvalidRequestException');
  });

  it('UpdateCertificate sends newStatus in the query', async () => {
    await port.updateCertificate(CERT_ID, 'INACTIVE');
    expect(seen[0]).toMatchObject({
      method: 'PUT',
      path: `/certificates/${CERT_ID}`,
      query: { newStatus: 'INACTIVE' },
    });
  });

  it('ListThingPrincipals follows nextToken', async () => {
    route = (request) =>
      request.query['nextToken'] === undefined
        ? { status: 200, body: { principals: ['p1'], nextToken: 't2' } }
        : { status: 200, body: { principals: ['p2'] } };
    await expect(port.listThingPrincipals('amr-001')).resolves.toEqual(['p1', 'p2']);
    expect(seen.map((r) => [r.method, r.path, r.query['nextToken']])).toEqual([
      ['GET', '/things/amr-001/principals', undefined],
      ['GET', '/things/amr-001/principals', 't2'],
    ]);
  });

  it('ListPrincipalThings sends the principal header and follows nextToken', async () => {
    route = (request) =>
      request.query['nextToken'] === undefined
        ? { status: 200, body: { things: ['amr-001'], nextToken: 'n' } }
        : { status: 200, body: { things: ['amr-002'] } };
    await expect(port.listPrincipalThings(CERT_ARN)).resolves.toEqual(['amr-001', 'amr-002']);
    expect(seen[0]).toMatchObject({
      method: 'GET',
      path: '/principals/things',
      principal: CERT_ARN,
    });
  });

  it('ListAttachedPolicies follows nextMarker and returns policy names', async () => {
    route = (request) =>
      request.query['marker'] === undefined
        ? {
            status: 200,
            body: { policies: [{ policyName: 'a', policyArn: 'arn:a' }], nextMarker: 'm' },
          }
        : { status: 200, body: { policies: [{ policyName: 'b', policyArn: 'arn:b' }] } };
    await expect(port.listAttachedPolicies(CERT_ARN)).resolves.toEqual(['a', 'b']);
    expect(seen[0]).toMatchObject({ method: 'POST', path: `/attached-policies/${CERT_ARN}` });
    expect(seen[1]?.query['marker']).toBe('m');
  });

  it('attaches and detaches things and policies with AWS request shapes', async () => {
    await port.attachThingPrincipal('amr-001', CERT_ARN);
    await port.detachThingPrincipal('amr-001', CERT_ARN);
    await port.attachPolicy('amr-production', CERT_ARN);
    await port.detachPolicy('amr-production', CERT_ARN);
    expect(seen.map((r) => [r.method, r.path, r.principal, r.body])).toEqual([
      ['PUT', '/things/amr-001/principals', CERT_ARN, undefined],
      ['DELETE', '/things/amr-001/principals', CERT_ARN, undefined],
      ['PUT', '/target-policies/amr-production', undefined, { target: CERT_ARN }],
      ['POST', '/target-policies/amr-production', undefined, { target: CERT_ARN }],
    ]);
  });

  it('DescribeThing and CreateThing return name and ARN', async () => {
    const thing = {
      thingName: 'amr-001',
      thingArn: 'arn:aws:iot:ap-northeast-1:123456789012:thing/amr-001',
    };
    route = () => ({ status: 200, body: { ...thing, thingId: 'id' } });
    await expect(port.describeThing('amr-001')).resolves.toEqual(thing);
    await expect(port.createThing('amr-001')).resolves.toEqual(thing);
    expect(seen.map((r) => [r.method, r.path])).toEqual([
      ['GET', '/things/amr-001'],
      ['POST', '/things/amr-001'],
    ]);
  });

  it('UpdateThing merges the attributes (attributePayload merge: true)', async () => {
    await port.updateThingAttributes('amr-001', { previousCertificateId: CERT_ID });
    expect(seen.map((r) => [r.method, r.path, r.body])).toEqual([
      [
        'PATCH',
        '/things/amr-001',
        { attributePayload: { attributes: { previousCertificateId: CERT_ID }, merge: true } },
      ],
    ]);
    route = notFound;
    await expect(port.updateThingAttributes('amr-404', { a: 'b' })).rejects.toMatchObject({
      code: 'AWS_ERROR',
      message: expect.stringContaining('UpdateThing failed: ResourceNotFoundException') as string,
    });
  });

  it('refuses an answer with an unknown certificate status', async () => {
    route = () => ({
      status: 200,
      body: {
        certificateDescription: {
          certificateId: CERT_ID,
          certificateArn: CERT_ARN,
          status: 'WEIRD',
          certificatePem: 'PEM',
          creationDate: 1,
        },
      },
    });
    await expect(port.describeCertificate(CERT_ID)).rejects.toMatchObject({ code: 'AWS_ERROR' });
  });
});
