import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  CreateProvisioningTemplateCommand,
  DescribeThingCommand,
  IoTClient,
  ListThingsCommand,
  RegisterCertificateWithoutCACommand,
} from '@aws-sdk/client-iot';
import { createPreProvisioningHook, fromIotClient } from '@iot-gateway-net/cloud-functions';
import { createCsr, createSelfSignedCertificate, generateKeyPair } from '@iot-gateway-net/pki';
import { buildClaimPolicy, buildDevicePolicy } from '@iot-gateway-net/policy';
import { createProvisioningClient, fromMqttJs } from '@iot-gateway-net/provisioning';
import {
  buildFleetProvisioningTemplate,
  type PreProvisioningHookInput,
} from '@iot-gateway-net/provisioning-templates';
import mqtt, { type MqttClient } from 'mqtt';
import { startLocalCloud, type LocalCloud } from '../startLocalCloud.js';
import { hashOwnershipToken } from './hashOwnershipToken.js';

const TEMPLATE = 'amr-fleet';
const HOOK_ARN = 'arn:aws:lambda:ap-northeast-1:000000000000:function:amr-pre-provisioning-hook';

describe('pre-provisioning hooks (RegisterThing through the whole local cloud)', () => {
  let dataDir: string;
  let cloud: LocalCloud;
  let iot: IoTClient;
  let claim: { certificatePem: string; privateKeyPem: string };
  let hookServer: Server | undefined;
  let hook: (input: PreProvisioningHookInput) => Promise<unknown>;
  const seen: PreProvisioningHookInput[] = [];
  const clients: MqttClient[] = [];
  /** The certificate and token of the last provision() attempt. */
  let created: { certificateId: string; certificateOwnershipToken: string } | undefined;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'local-cloud-hooks-'));
    seen.length = 0;
    created = undefined;
    cloud = await startLocalCloud(
      { dataDir, preProvisioningHookTimeoutMs: 300 },
      {
        writeLog: () => undefined,
        preProvisioningHooks: {
          [HOOK_ARN]: (input) => {
            seen.push(input);
            return hook(input);
          },
        },
      },
    );
    const e = cloud.endpoints;
    iot = new IoTClient({
      endpoint: e.controlPlaneUrl,
      region: e.region,
      credentials: { ...e.controlPlaneCredentials },
    });
    const scope = { region: e.region, accountId: e.accountId };
    await iot.send(
      new CreatePolicyCommand({
        policyName: 'amr-device',
        policyDocument: JSON.stringify(buildDevicePolicy(scope)),
      }),
    );
    await iot.send(
      new CreatePolicyCommand({
        policyName: 'amr-claim',
        policyDocument: JSON.stringify(buildClaimPolicy({ ...scope, templateName: TEMPLATE })),
      }),
    );
    claim = await createSelfSignedCertificate({ now: new Date() });
    const registered = await iot.send(
      new RegisterCertificateWithoutCACommand({
        certificatePem: claim.certificatePem,
        status: 'ACTIVE',
      }),
    );
    await iot.send(
      new AttachPolicyCommand({ policyName: 'amr-claim', target: registered.certificateArn }),
    );
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
    // A hook server that never answers still holds the cloud's request open.
    hookServer?.closeAllConnections();
    hookServer?.close();
    hookServer = undefined;
    iot.destroy();
    await cloud.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function createTemplate(targetArn: string): Promise<void> {
    await iot.send(
      new CreateProvisioningTemplateCommand({
        templateName: TEMPLATE,
        templateBody: buildFleetProvisioningTemplate({ productionPolicyName: 'amr-device' }),
        provisioningRoleArn: 'arn:aws:iam::000000000000:role/fleet-provisioning',
        enabled: true,
        preProvisioningHook: { targetArn, payloadVersion: '2020-04-01' },
      }),
    );
  }

  /** The robot's side: claim connection, CSR, RegisterThing. */
  async function provision(serial: string) {
    const e = cloud.endpoints;
    const client = await mqtt.connectAsync({
      protocol: 'mqtts',
      host: e.iotEndpoint,
      port: e.mqttsPort,
      clientId: `claim-${serial}`,
      protocolVersion: 4,
      ca: await readFile(e.rootCaPath),
      cert: claim.certificatePem,
      key: claim.privateKeyPem,
      reconnectPeriod: 0,
    });
    clients.push(client);
    const provisioning = createProvisioningClient({
      connection: fromMqttJs(client),
      timeoutMs: 5_000,
      retry: { attempts: 1 },
    });
    try {
      const keys = await generateKeyPair();
      created = await provisioning.createCertificateFromCsr(
        await createCsr({ keys, commonName: serial }),
      );
      return await provisioning.registerThing(TEMPLATE, {
        certificateOwnershipToken: created.certificateOwnershipToken,
        parameters: { SerialNumber: serial },
      });
    } finally {
      await provisioning.dispose();
    }
  }

  async function things(): Promise<string[]> {
    const listed = await iot.send(new ListThingsCommand({}));
    return (listed.things ?? []).map((t) => t.thingName ?? '');
  }

  /** The refused attempt left nothing behind: the new certificate is unattached and its token unused. */
  function expectNothingLeftBehind(): void {
    const { registry } = cloud.context;
    if (created === undefined)
      throw new Error('expected provision() to have created a certificate');
    const certificate = registry.getCertificate(created.certificateId);
    // PENDING_ACTIVATION until the token's hour is up (then the sweep deletes it), as on AWS.
    expect(certificate?.status).toBe('PENDING_ACTIVATION');
    const arn = certificate?.certificateArn ?? '';
    expect(registry.listPrincipalThings(arn).items).toEqual([]);
    expect(registry.listAttachedPolicies(arn).items).toEqual([]);
    expect(
      registry.getOwnershipToken(hashOwnershipToken(created.certificateOwnershipToken))?.usedAt,
    ).toBeUndefined();
  }

  /** An HTTP hook on a local server on port 0. */
  async function startHookServer(
    handle: (body: unknown, res: ServerResponse) => void,
  ): Promise<string> {
    hookServer = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => handle(JSON.parse(body), res));
    });
    hookServer.listen(0, '127.0.0.1');
    await once(hookServer, 'listening');
    const { port } = hookServer.address() as AddressInfo;
    return `http://127.0.0.1:${port}/hook`;
  }

  it("runs the shared cloud function: an allowed serial is provisioned, with AWS's hook input", async () => {
    const allowed = createPreProvisioningHook({
      allowedSerials: (serial) => serial === 'AMR-001',
      iot: fromIotClient(iot),
      clock: { now: () => new Date() },
    });
    hook = (input) => allowed(input);
    await createTemplate(HOOK_ARN);

    await expect(provision('AMR-001')).resolves.toMatchObject({ thingName: 'AMR-001' });
    expect(seen[0]).toMatchObject({
      clientId: 'claim-AMR-001',
      parameters: { SerialNumber: 'AMR-001' },
      templateArn: expect.stringContaining(`provisioningtemplate/${TEMPLATE}`),
    });
    expect(seen[0]?.certificatePem).toContain('BEGIN CERTIFICATE');

    // A serial outside the allowlist is refused and leaves no thing behind.
    await expect(provision('AMR-999')).rejects.toMatchObject({
      code: 'REJECTED',
      rejection: { statusCode: 403, errorCode: 'ACCESS_DENIED' },
    });
    expect(await things()).toEqual(['AMR-001']);
    expectNothingLeftBehind();
  });

  it.each([
    ['denies', () => Promise.resolve({ allowProvisioning: false })],
    ['throws', () => Promise.reject(new Error('hook crashed'))],
    ['answers garbage', () => Promise.resolve({ allowProvisioning: 'yes' })],
    ['never answers (5 s limit, 300 ms here)', () => new Promise<never>(() => undefined)],
  ])('refuses provisioning when the hook %s, and nothing is left behind', async (_, impl) => {
    hook = impl;
    await createTemplate(HOOK_ARN);
    await expect(provision('AMR-001')).rejects.toMatchObject({
      rejection: { statusCode: 403, errorCode: 'ACCESS_DENIED' },
    });
    expect(await things()).toEqual([]);
    await expect(
      iot.send(new DescribeThingCommand({ thingName: 'AMR-001' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    expectNothingLeftBehind();
  });

  it.each([
    [
      'answers HTTP 500',
      (_body: unknown, res: ServerResponse) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"message":"Internal Server Error"}');
      },
    ],
    // The local cloud runs with preProvisioningHookTimeoutMs 300 (AWS: 5 s).
    ['hangs past the time limit', () => undefined],
  ])(
    'refuses provisioning when an HTTP URL hook %s, and nothing is left behind',
    async (_, handle) => {
      const url = await startHookServer(handle);
      await createTemplate(url);
      await expect(provision('AMR-001')).rejects.toMatchObject({
        rejection: { statusCode: 403, errorCode: 'ACCESS_DENIED' },
      });
      expect(await things()).toEqual([]);
      expectNothingLeftBehind();
    },
  );

  it('refuses provisioning when no function is registered under the target ARN', async () => {
    hook = () => Promise.resolve({ allowProvisioning: true });
    await createTemplate(`${HOOK_ARN}-unknown`);
    await expect(provision('AMR-001')).rejects.toMatchObject({
      rejection: {
        statusCode: 403,
        errorCode: 'ACCESS_DENIED',
        errorMessage: expect.stringContaining(`${HOOK_ARN}-unknown`),
      },
    });
    expect(seen).toEqual([]);
    expect(await things()).toEqual([]);
    expectNothingLeftBehind();
  });

  it("applies the hook's parameterOverrides", async () => {
    hook = () =>
      Promise.resolve({ allowProvisioning: true, parameterOverrides: { SerialNumber: 'AMR-777' } });
    await createTemplate(HOOK_ARN);
    await expect(provision('AMR-001')).resolves.toMatchObject({ thingName: 'AMR-777' });
  });

  it('calls a hook given as an HTTPS/HTTP URL with a JSON POST', async () => {
    const bodies: unknown[] = [];
    const url = await startHookServer((body, res) => {
      bodies.push(body);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ allowProvisioning: true }));
    });
    await createTemplate(url);
    await expect(provision('AMR-001')).resolves.toMatchObject({ thingName: 'AMR-001' });
    expect(bodies[0]).toMatchObject({ parameters: { SerialNumber: 'AMR-001' } });
  });
});
