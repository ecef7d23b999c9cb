import {
  CreatePolicyCommand,
  CreateProvisioningTemplateCommand,
  CreateThingGroupCommand,
  DescribeCACertificateCommand,
  DescribeCertificateCommand,
  DescribeThingCommand,
  InvalidRequestException,
  ListAttachedPoliciesCommand,
  ListThingGroupsForThingCommand,
  ListThingPrincipalsCommand,
  UpdateCACertificateCommand,
  type RegistrationConfig,
} from '@aws-sdk/client-iot';
import type { CertificateAuthority } from '@iot-gateway-net/pki';
import { buildDevicePolicy } from '@iot-gateway-net/policy';
import { createTestCa } from '../../testing/createTestCa.js';
import { issueTestCertificate } from '../../testing/issueTestCertificate.js';
import { registerTestCa } from '../../testing/registerTestCa.js';
import { startTestCloud, type TestCloud } from '../../testing/startTestCloud.js';

// Certificates are checked against the real time by TLS, so the test clock starts a little in the past.
const NOW = new Date(Date.now() - 120_000);
const ROLE_ARN = 'arn:aws:iam::000000000000:role/JITPRole';
const WAIT_MS = 5_000;

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

const newCa = (commonName: string) => createTestCa(commonName, NOW);
const issueDevice = (ca: CertificateAuthority, thingName: string, country?: string) =>
  issueTestCertificate(ca, thingName, { now: NOW, ...(country === undefined ? {} : { country }) });

describe('just-in-time provisioning (startLocalCloud, MQTT.js, @aws-sdk/client-iot)', () => {
  // AWS allows one CONNECT per second per client id; the test moves the clock (cloud.advance)
  // instead of sleeping.
  let cloud: TestCloud;

  const start = async (): Promise<void> => {
    cloud = await startTestCloud({
      cloud: { logLevel: 'debug' },
      startAt: NOW.getTime(),
      dirPrefix: 'local-cloud-jitp-',
    });
    await cloud.iot.send(
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

  const registerCa = (ca: CertificateAuthority, registrationConfig: RegistrationConfig) =>
    registerTestCa(cloud.iot, ca, NOW, registrationConfig);

  /** An operator connection whose policy lets it watch the registration events of `caId`. */
  const watchRegistrations = async (caId: string): Promise<() => Promise<unknown>> => {
    const { region, accountId } = cloud.endpoints;
    const arn = `arn:aws:iot:${region}:${accountId}`;
    const topic = `$aws/events/certificates/registered/${caId}`;
    const device = await cloud.createDevice({
      policies: {
        'registration-watcher': {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'iot:Connect', Resource: `${arn}:client/watcher` },
            { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${arn}:topicfilter/${topic}` },
            { Effect: 'Allow', Action: 'iot:Receive', Resource: `${arn}:topic/${topic}` },
          ],
        },
      },
    });
    const watcher = await cloud.connect(device, 'watcher');
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

  afterEach(async () => {
    await cloud?.close();
  });

  it('provisions from the CA template at the first CONNECT, which is refused; the next one uses the thing', async () => {
    await start();
    const ca = await newCa('Integrator CA');
    await registerCa(ca, { templateBody: jitpTemplate({ policyName: 'amr-production' }) });
    const nextEvent = await watchRegistrations(ca.certificateId);
    const device = await issueDevice(ca, 'AMR-200', 'JP');

    const active = cloud.certificateReaches('ACTIVE');
    expect(await cloud.connectRefused(device, 'AMR-200')).toBe(5);
    const certificateId = await active;

    // AWS publishes the registration event for certificates it registers automatically, JITP too.
    expect(await nextEvent()).toEqual({
      certificateId,
      caCertificateId: ca.certificateId,
      timestamp: cloud.now(),
      certificateStatus: 'PENDING_ACTIVATION',
      awsAccountId: cloud.endpoints.accountId,
      certificateRegistrationTimestamp: String(cloud.now()),
    });
    const described = await cloud.iot.send(new DescribeCertificateCommand({ certificateId }));
    expect(described.certificateDescription).toMatchObject({
      status: 'ACTIVE',
      caCertificateId: ca.certificateId,
    });
    expect(cloud.context.registry.getCertificate(certificateId)?.origin).toBe('jitp');
    const thing = await cloud.iot.send(new DescribeThingCommand({ thingName: 'AMR-200' }));
    expect(thing.attributes).toEqual({ version: 'v1', country: 'JP' });
    const arn = described.certificateDescription?.certificateArn;
    const principals = await cloud.iot.send(
      new ListThingPrincipalsCommand({ thingName: 'AMR-200' }),
    );
    expect(principals.principals).toEqual([arn]);
    const policies = await cloud.iot.send(new ListAttachedPoliciesCommand({ target: arn }));
    expect(policies.policies?.map((p) => p.policyName)).toEqual(['amr-production']);

    cloud.advance(1_100);
    const robot = await cloud.connect(device, 'AMR-200');
    await robot.subscribeAsync('amr/AMR-200/cmd', { qos: 1 });
    const received = new Promise<string>((resolve) =>
      robot.once('message', (_topic, payload) => resolve(payload.toString('utf8'))),
    );
    await robot.publishAsync('amr/AMR-200/cmd', '{"go":true}', { qos: 1 });
    expect(await received).toBe('{"go":true}');
  });

  it('provisions from a JITP template named by the CA', async () => {
    await start();
    await cloud.iot.send(
      new CreateProvisioningTemplateCommand({
        templateName: 'amr-jitp',
        templateBody: jitpTemplate({ policyName: 'amr-production', thingGroup: 'fleet' }),
        provisioningRoleArn: ROLE_ARN,
        type: 'JITP',
      }),
    );
    // AWS: hooks belong to fleet-provisioning templates only.
    await expect(
      cloud.iot.send(
        new CreateProvisioningTemplateCommand({
          templateName: 'amr-jitp-hooked',
          templateBody: jitpTemplate({ policyName: 'amr-production' }),
          provisioningRoleArn: ROLE_ARN,
          type: 'JITP',
          preProvisioningHook: { targetArn: 'https://hook.example/check' },
        }),
      ),
    ).rejects.toThrow(InvalidRequestException);
    await cloud.iot.send(new CreateThingGroupCommand({ thingGroupName: 'fleet' }));
    const ca = await newCa('Integrator CA');
    await registerCa(ca, { templateName: 'amr-jitp', roleArn: ROLE_ARN });
    const device = await issueDevice(ca, 'AMR-201', 'DE');

    const active = cloud.certificateReaches('ACTIVE');
    expect(await cloud.connectRefused(device, 'AMR-201')).toBe(5);
    await active;

    const groups = await cloud.iot.send(
      new ListThingGroupsForThingCommand({ thingName: 'AMR-201' }),
    );
    expect(groups.thingGroups?.map((g) => g.groupName)).toEqual(['fleet']);
    cloud.advance(1_100);
    expect((await cloud.connect(device, 'AMR-201')).connected).toBe(true);
  });

  it('leaves nothing behind when the template cannot provision the certificate', async () => {
    await start();
    const ca = await newCa('Integrator CA');
    // The template declares AWS::IoT::Certificate::Country: a certificate without C cannot use it.
    await registerCa(ca, { templateBody: jitpTemplate({ policyName: 'amr-production' }) });

    let failed = cloud.logged('jitp.failed');
    expect(await cloud.connectRefused(await issueDevice(ca, 'AMR-202'), 'AMR-202')).toBe(5);
    expect(await failed).toMatchObject({
      level: 'warn',
      caCertificateId: ca.certificateId,
      error: { message: expect.stringContaining('AWS::IoT::Certificate::Country') },
    });
    registryIsEmpty();

    // A policy that does not exist fails inside the transaction: the certificate and the thing
    // written before it are rolled back.
    await cloud.iot.send(
      new UpdateCACertificateCommand({
        certificateId: ca.certificateId,
        registrationConfig: { templateBody: jitpTemplate({ policyName: 'missing-policy' }) },
      }),
    );
    failed = cloud.logged('jitp.failed');
    expect(await cloud.connectRefused(await issueDevice(ca, 'AMR-203', 'JP'), 'AMR-203')).toBe(5);
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
    await cloud.iot.send(
      new UpdateCACertificateCommand({
        certificateId: ca.certificateId,
        registrationConfig: { templateName: 'fleet-template' },
      }),
    );
    failed = cloud.logged('jitp.failed');
    expect(await cloud.connectRefused(await issueDevice(ca, 'AMR-204', 'JP'), 'AMR-204')).toBe(5);
    expect(await failed).toMatchObject({
      error: { message: expect.stringContaining('expected a template of type JITP') },
    });
    registryIsEmpty();
  });

  it('stops provisioning when UpdateCACertificate turns auto-registration off, and registers only once the template is removed', async () => {
    await start();
    const ca = await newCa('Integrator CA');
    await registerCa(ca, { templateBody: jitpTemplate({ policyName: 'amr-production' }) });

    await cloud.iot.send(
      new UpdateCACertificateCommand({
        certificateId: ca.certificateId,
        newAutoRegistrationStatus: 'DISABLE',
      }),
    );
    const ignored = cloud.logged('jitr.no_auto_registration_ca');
    expect(await cloud.connectRefused(await issueDevice(ca, 'AMR-205', 'JP'), 'AMR-205')).toBe(5);
    await ignored;
    registryIsEmpty();

    // Without its template the CA is a JITR CA again: registered, not provisioned.
    await cloud.iot.send(
      new UpdateCACertificateCommand({
        certificateId: ca.certificateId,
        newAutoRegistrationStatus: 'ENABLE',
        removeAutoRegistration: true,
      }),
    );
    const described = await cloud.iot.send(
      new DescribeCACertificateCommand({ certificateId: ca.certificateId }),
    );
    expect(described.registrationConfig).toBeUndefined();
    expect(described.certificateDescription?.autoRegistrationStatus).toBe('ENABLE');
    const pending = cloud.certificateReaches('PENDING_ACTIVATION');
    cloud.advance(1_100);
    expect(await cloud.connectRefused(await issueDevice(ca, 'AMR-205', 'JP'), 'AMR-205')).toBe(5);
    const certificateId = await pending;
    expect(cloud.context.registry.getCertificate(certificateId)).toMatchObject({
      origin: 'jitr',
      status: 'PENDING_ACTIVATION',
    });
    expect(cloud.context.registry.getThing('AMR-205')).toBeUndefined();
  });
});
