import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AttachPolicyCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  CreateProvisioningTemplateCommand,
  CreateThingGroupCommand,
  DescribeCACertificateCommand,
  DescribeCertificateCommand,
  DescribeThingCommand,
  InvalidRequestException,
  IoTClient,
  ListAttachedPoliciesCommand,
  ListThingGroupsForThingCommand,
  ListThingPrincipalsCommand,
  RegisterCACertificateCommand,
  UpdateCACertificateCommand,
  type RegistrationConfig,
} from '@aws-sdk/client-iot';
import {
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
const ROLE_ARN = 'arn:aws:iam::000000000000:role/JITPRole';
const WAIT_MS = 5_000;

interface DeviceCertificate {
  certificatePem: string;
  privateKeyPem: string;
}

interface LogLine {
  event: string;
  [field: string]: unknown;
}

/** The AWS developer guide's JITP example, trimmed to what the robots use. */
function jitpTemplate(options: { policyName: string; thingGroup?: string }): string {
  return JSON.stringify({
    Parameters: {
      'AWS::IoT::Certificate::CommonName': { Type: 'String' },
      'AWS::IoT::Certificate::Country': { Type: 'String' },
      'AWS::IoT::Certificate::Id': { Type: 'String' },
    },
    Resources: {
      thing: {
        Type: 'AWS::IoT::Thing',
        Properties: {
          ThingName: { Ref: 'AWS::IoT::Certificate::CommonName' },
          AttributePayload: { version: 'v1', country: { Ref: 'AWS::IoT::Certificate::Country' } },
          ...(options.thingGroup === undefined ? {} : { ThingGroups: [options.thingGroup] }),
        },
      },
      certificate: {
        Type: 'AWS::IoT::Certificate',
        Properties: { CertificateId: { Ref: 'AWS::IoT::Certificate::Id' }, Status: 'ACTIVE' },
      },
      policy: { Type: 'AWS::IoT::Policy', Properties: { PolicyName: options.policyName } },
    },
  });
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
  country?: string,
): Promise<DeviceCertificate> {
  const keys = await generateKeyPair();
  const csr = await createCsr({
    keys,
    commonName: thingName,
    ...(country === undefined ? {} : { country }),
  });
  const issued = await ca.issueFromCsr(csr, { now: NOW, lifetimeDays: 30 });
  return { certificatePem: issued.certificatePem, privateKeyPem: keys.privateKeyPem };
}

describe('just-in-time provisioning (startLocalCloud, MQTT.js, @aws-sdk/client-iot)', () => {
  let dataDir: string;
  let cloud: LocalCloud;
  let iot: IoTClient;
  // AWS allows one CONNECT per second per client id; the test moves the clock instead of sleeping.
  let nowMs = 0;
  let logListeners: ((line: LogLine) => void)[] = [];
  const clients: MqttClient[] = [];

  const start = async (): Promise<void> => {
    cloud = await startLocalCloud(
      { dataDir, logLevel: 'debug' },
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

  const registerCa = async (
    ca: CertificateAuthority,
    registrationConfig: RegistrationConfig,
  ): Promise<void> => {
    const verification = await issueDevice(ca, 'verification');
    await iot.send(
      new RegisterCACertificateCommand({
        caCertificate: ca.certificatePem,
        verificationCertificate: verification.certificatePem,
        setAsActive: true,
        allowAutoRegistration: true,
        registrationConfig,
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
        reject(new Error(`no certificate became ${status} within ${WAIT_MS} ms`));
      }, WAIT_MS);
      const stop = cloud.context.registry.onChange((change) => {
        if (change.type === 'certificate' && change.status === status) {
          clearTimeout(timer);
          stop();
          resolve(change.certificateId);
        }
      });
    });

  /** An operator connection whose policy lets it watch the registration events of `caId`. */
  const watchRegistrations = async (caId: string): Promise<() => Promise<unknown>> => {
    const { region, accountId } = cloud.endpoints;
    const arn = `arn:aws:iot:${region}:${accountId}`;
    const topic = `$aws/events/certificates/registered/${caId}`;
    await iot.send(
      new CreatePolicyCommand({
        policyName: 'registration-watcher',
        policyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'iot:Connect', Resource: `${arn}:client/watcher` },
            { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${arn}:topicfilter/${topic}` },
            { Effect: 'Allow', Action: 'iot:Receive', Resource: `${arn}:topic/${topic}` },
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
    const received: unknown[] = [];
    const waiting: ((event: unknown) => void)[] = [];
    watcher.on('message', (_topic, payload) => {
      const event: unknown = JSON.parse(payload.toString('utf8'));
      const waiter = waiting.shift();
      if (waiter === undefined) received.push(event);
      else waiter(event);
    });
    await watcher.subscribeAsync(topic, { qos: 1 });
    return () =>
      received.length > 0
        ? Promise.resolve(received.shift())
        : new Promise((resolve, reject) => {
            const timer = setTimeout(
              () => reject(new Error(`nothing on ${topic} within ${WAIT_MS} ms`)),
              WAIT_MS,
            );
            waiting.push((event) => {
              clearTimeout(timer);
              resolve(event);
            });
          });
  };

  const registryIsEmpty = (): void => {
    expect(cloud.context.registry.listCertificates({ maxResults: 250 }).items).toEqual([]);
    expect(cloud.context.registry.listThings({ maxResults: 250 }).items).toEqual([]);
  };

  beforeEach(async () => {
    nowMs = NOW.getTime();
    logListeners = [];
    dataDir = await mkdtemp(join(tmpdir(), 'local-cloud-jitp-'));
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) await client.endAsync(true);
    iot?.destroy();
    await cloud?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('provisions from the CA template at the first CONNECT, which is refused; the next one uses the thing', async () => {
    await start();
    const ca = await newCa('Integrator CA');
    await registerCa(ca, { templateBody: jitpTemplate({ policyName: 'amr-production' }) });
    const nextEvent = await watchRegistrations(ca.certificateId);
    const device = await issueDevice(ca, 'AMR-200', 'JP');

    const active = certificateReaches('ACTIVE');
    expect(await refused(device, 'AMR-200')).toBe(5);
    const certificateId = await active;

    // AWS publishes the registration event for certificates it registers automatically, JITP too.
    expect(await nextEvent()).toEqual({
      certificateId,
      caCertificateId: ca.certificateId,
      timestamp: nowMs,
      certificateStatus: 'PENDING_ACTIVATION',
      awsAccountId: cloud.endpoints.accountId,
      certificateRegistrationTimestamp: String(nowMs),
    });
    const described = await iot.send(new DescribeCertificateCommand({ certificateId }));
    expect(described.certificateDescription).toMatchObject({
      status: 'ACTIVE',
      caCertificateId: ca.certificateId,
    });
    expect(cloud.context.registry.getCertificate(certificateId)?.origin).toBe('jitp');
    const thing = await iot.send(new DescribeThingCommand({ thingName: 'AMR-200' }));
    expect(thing.attributes).toEqual({ version: 'v1', country: 'JP' });
    const arn = described.certificateDescription?.certificateArn;
    const principals = await iot.send(new ListThingPrincipalsCommand({ thingName: 'AMR-200' }));
    expect(principals.principals).toEqual([arn]);
    const policies = await iot.send(new ListAttachedPoliciesCommand({ target: arn }));
    expect(policies.policies?.map((p) => p.policyName)).toEqual(['amr-production']);

    nowMs += 1_100;
    const robot = await connect(device, 'AMR-200');
    await robot.subscribeAsync('amr/AMR-200/cmd', { qos: 1 });
    const received = new Promise<string>((resolve) =>
      robot.once('message', (_topic, payload) => resolve(payload.toString('utf8'))),
    );
    await robot.publishAsync('amr/AMR-200/cmd', '{"go":true}', { qos: 1 });
    expect(await received).toBe('{"go":true}');
  });

  it('provisions from a JITP template named by the CA', async () => {
    await start();
    await iot.send(
      new CreateProvisioningTemplateCommand({
        templateName: 'amr-jitp',
        templateBody: jitpTemplate({ policyName: 'amr-production', thingGroup: 'fleet' }),
        provisioningRoleArn: ROLE_ARN,
        type: 'JITP',
      }),
    );
    // AWS: hooks belong to fleet-provisioning templates only.
    await expect(
      iot.send(
        new CreateProvisioningTemplateCommand({
          templateName: 'amr-jitp-hooked',
          templateBody: jitpTemplate({ policyName: 'amr-production' }),
          provisioningRoleArn: ROLE_ARN,
          type: 'JITP',
          preProvisioningHook: { targetArn: 'https://hook.example/check' },
        }),
      ),
    ).rejects.toThrow(InvalidRequestException);
    await iot.send(new CreateThingGroupCommand({ thingGroupName: 'fleet' }));
    const ca = await newCa('Integrator CA');
    await registerCa(ca, { templateName: 'amr-jitp', roleArn: ROLE_ARN });
    const device = await issueDevice(ca, 'AMR-201', 'DE');

    const active = certificateReaches('ACTIVE');
    expect(await refused(device, 'AMR-201')).toBe(5);
    await active;

    const groups = await iot.send(new ListThingGroupsForThingCommand({ thingName: 'AMR-201' }));
    expect(groups.thingGroups?.map((g) => g.groupName)).toEqual(['fleet']);
    nowMs += 1_100;
    expect((await connect(device, 'AMR-201')).connected).toBe(true);
  });

  it('leaves nothing behind when the template cannot provision the certificate', async () => {
    await start();
    const ca = await newCa('Integrator CA');
    // The template declares AWS::IoT::Certificate::Country: a certificate without C cannot use it.
    await registerCa(ca, { templateBody: jitpTemplate({ policyName: 'amr-production' }) });

    let failed = logged('jitp.failed');
    expect(await refused(await issueDevice(ca, 'AMR-202'), 'AMR-202')).toBe(5);
    expect(await failed).toMatchObject({
      level: 'warn',
      caCertificateId: ca.certificateId,
      error: { message: expect.stringContaining('AWS::IoT::Certificate::Country') },
    });
    registryIsEmpty();

    // A policy that does not exist fails inside the transaction: the certificate and the thing
    // written before it are rolled back.
    await iot.send(
      new UpdateCACertificateCommand({
        certificateId: ca.certificateId,
        registrationConfig: { templateBody: jitpTemplate({ policyName: 'missing-policy' }) },
      }),
    );
    failed = logged('jitp.failed');
    expect(await refused(await issueDevice(ca, 'AMR-203', 'JP'), 'AMR-203')).toBe(5);
    expect(await failed).toMatchObject({
      error: { message: expect.stringContaining('missing-policy') },
    });
    registryIsEmpty();

    // A template name that names no JITP template.
    cloud.context.registry.createProvisioningTemplate({
      templateName: 'fleet-template',
      templateBody: jitpTemplate({ policyName: 'amr-production' }),
      provisioningRoleArn: ROLE_ARN,
    });
    await iot.send(
      new UpdateCACertificateCommand({
        certificateId: ca.certificateId,
        registrationConfig: { templateName: 'fleet-template' },
      }),
    );
    failed = logged('jitp.failed');
    expect(await refused(await issueDevice(ca, 'AMR-204', 'JP'), 'AMR-204')).toBe(5);
    expect(await failed).toMatchObject({
      error: { message: expect.stringContaining('expected a template of type JITP') },
    });
    registryIsEmpty();
  });

  it('stops provisioning when UpdateCACertificate turns auto-registration off, and registers only once the template is removed', async () => {
    await start();
    const ca = await newCa('Integrator CA');
    await registerCa(ca, { templateBody: jitpTemplate({ policyName: 'amr-production' }) });

    await iot.send(
      new UpdateCACertificateCommand({
        certificateId: ca.certificateId,
        newAutoRegistrationStatus: 'DISABLE',
      }),
    );
    const ignored = logged('jitr.no_auto_registration_ca');
    expect(await refused(await issueDevice(ca, 'AMR-205', 'JP'), 'AMR-205')).toBe(5);
    await ignored;
    registryIsEmpty();

    // Without its template the CA is a JITR CA again: registered, not provisioned.
    await iot.send(
      new UpdateCACertificateCommand({
        certificateId: ca.certificateId,
        newAutoRegistrationStatus: 'ENABLE',
        removeAutoRegistration: true,
      }),
    );
    const described = await iot.send(
      new DescribeCACertificateCommand({ certificateId: ca.certificateId }),
    );
    expect(described.registrationConfig).toBeUndefined();
    expect(described.certificateDescription?.autoRegistrationStatus).toBe('ENABLE');
    const pending = certificateReaches('PENDING_ACTIVATION');
    nowMs += 1_100;
    expect(await refused(await issueDevice(ca, 'AMR-205', 'JP'), 'AMR-205')).toBe(5);
    const certificateId = await pending;
    expect(cloud.context.registry.getCertificate(certificateId)).toMatchObject({
      origin: 'jitr',
      status: 'PENDING_ACTIVATION',
    });
    expect(cloud.context.registry.getThing('AMR-205')).toBeUndefined();
  });
});
