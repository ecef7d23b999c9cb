import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateProvisioningClaimCommand,
  CreateProvisioningTemplateCommand,
  ListCertificatesCommand,
  DeleteProvisioningTemplateCommand,
  DescribeProvisioningTemplateCommand,
  InvalidRequestException,
  IoTClient,
  ListProvisioningTemplatesCommand,
  ResourceNotFoundException,
  UpdateProvisioningTemplateCommand,
} from '@aws-sdk/client-iot';
import { createCsr, generateKeyPair, parseCertificate } from '@iot-gateway-net/pki';
import { createTestPki, type TestPki } from '@iot-gateway-net/pki/testing';
import { buildClaimPolicy, buildDevicePolicy } from '@iot-gateway-net/policy';
import { buildFleetProvisioningTemplate } from '@iot-gateway-net/provisioning-templates';
import { createProvisioningClient, fromMqttJs } from '@iot-gateway-net/provisioning';
import { amrStatusTopic } from '@iot-gateway-net/topics';
import { decode as decodeCbor } from 'cbor-x';
import { connectAsync, type MqttClient } from 'mqtt';
import type { CredentialRecord } from '../context/CredentialStore.js';
import type { InboundMessage } from '../context/MessageBus.js';
import { createControlPlane, type ControlPlane } from '../control-plane/createControlPlane.js';
import { registerTestDevice } from '../../testing/registerTestDevice.js';
import { startTestBroker, type TestBroker } from '../../testing/startTestBroker.js';
import { OWNERSHIP_TOKEN_LIFETIME_MS, PROVISIONING_CLAIM_LIFETIME_MS } from './constants.js';
import { createFleetProvisioning } from './createFleetProvisioning.js';
import { hashOwnershipToken } from './hashOwnershipToken.js';
import type { FleetProvisioning } from './types.js';

const REGION = 'ap-northeast-1';
const ACCOUNT = '123456789012';
const TEMPLATE = 'amr-fleet';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/fleet-provisioning`;
const TIMEOUT_MS = 5_000;
const ADMIN: CredentialRecord = {
  accessKeyId: 'AKIALOCALADMIN000001',
  secretAccessKey: 'admin-secret-key-for-tests-000000000000',
  identity: { kind: 'admin' },
};

describe('RegisterThing and provisioning templates (real broker, MQTT.js, @aws-sdk/client-iot)', () => {
  let pki: TestPki;
  let dataDir: string;
  let cloud: TestBroker;
  let fleet: FleetProvisioning;
  let controlPlane: ControlPlane;
  let http: Server;
  let iot: IoTClient;
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

  const provisioning = (client: MqttClient, format: 'json' | 'cbor' = 'json') =>
    createProvisioningClient({
      connection: fromMqttJs(client),
      format,
      timeoutMs: TIMEOUT_MS,
      retry: { attempts: 1 },
    });

  const createTemplate = (templateBody: string, enabled = true) =>
    iot.send(
      new CreateProvisioningTemplateCommand({
        templateName: TEMPLATE,
        templateBody,
        provisioningRoleArn: ROLE,
        enabled,
      }),
    );

  /** A claim session that got a new certificate (key included) and its ownership token. */
  const newCertificate = async (method: 'csr' | 'keys', format: 'json' | 'cbor' = 'json') => {
    const client = await connect(pki.claim, `claim-${method}-${format}`);
    const api = provisioning(client, format);
    if (method === 'keys') {
      const accepted = await api.createKeysAndCertificate();
      return { api, ...accepted, privateKeyPem: accepted.privateKey };
    }
    const keys = await generateKeyPair();
    const accepted = await api.createCertificateFromCsr(
      await createCsr({ keys, commonName: 'AMR-001' }),
    );
    return { api, ...accepted, privateKeyPem: keys.privateKeyPem };
  };

  /** The certificate is as CreateCertificate left it: nothing attached, its token unused. */
  const expectUnregistered = (issued: {
    certificateId: string;
    certificateOwnershipToken: string;
  }): void => {
    const { registry } = cloud.context;
    const certificate = registry.getCertificate(issued.certificateId);
    expect(certificate?.status).toBe('PENDING_ACTIVATION');
    expect(registry.listPrincipalThings(certificate?.certificateArn ?? '').items).toEqual([]);
    expect(registry.listAttachedPolicies(certificate?.certificateArn ?? '').items).toEqual([]);
    expect(
      registry.getOwnershipToken(hashOwnershipToken(issued.certificateOwnershipToken))?.usedAt,
    ).toBeUndefined();
  };

  const rejectionOf = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected a rejection');
      },
      (error: { rejection?: unknown }) => error.rejection,
    );

  beforeAll(async () => {
    pki = await createTestPki({ now: new Date(), thingName: 'AMR-001' });
  });

  beforeEach(async () => {
    offsetMs = 0;
    dataDir = await mkdtemp(join(tmpdir(), 'register-thing-integ-'));
    cloud = await startTestBroker({
      dataDir,
      pki,
      dataPlane: true,
      // Specs reconnect the same client id within a second.
      broker: { connectIntervalMs: 0 },
      credentials: [ADMIN],
      clock: { now: () => Date.now() + offsetMs },
    });
    registerTestDevice(cloud.context.registry, {
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
    cloud.context.registry.createPolicy(
      'amr-device',
      JSON.stringify(buildDevicePolicy({ region: REGION, accountId: ACCOUNT })),
    );
    fleet = createFleetProvisioning(cloud.context, cloud.broker.bus);
    controlPlane = createControlPlane(cloud.context);
    http = createServer((req, res) => controlPlane.handle(req, res));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    iot = new IoTClient({
      endpoint: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
      region: REGION,
      credentials: { accessKeyId: ADMIN.accessKeyId, secretAccessKey: ADMIN.secretAccessKey },
      maxAttempts: 1,
    });
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
    iot.destroy();
    await controlPlane.close();
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
    await fleet.close();
    await cloud.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it.each([
    ['csr', 'json'],
    ['keys', 'json'],
    ['csr', 'cbor'],
    ['keys', 'cbor'],
  ] as const)(
    'claim → %s (%s) → RegisterThing → reconnect as AMR-001 and publish its status',
    async (method, format) => {
      await createTemplate(buildFleetProvisioningTemplate({ productionPolicyName: 'amr-device' }));
      const issued = await newCertificate(method, format);
      const accepted = await issued.api.registerThing(TEMPLATE, {
        certificateOwnershipToken: issued.certificateOwnershipToken,
        parameters: { SerialNumber: 'AMR-001' },
      });
      expect(accepted).toEqual({
        thingName: 'AMR-001',
        deviceConfiguration: { serialNumber: 'AMR-001' },
      });

      const { registry } = cloud.context;
      const certificate = registry.getCertificate(issued.certificateId);
      expect(certificate?.status).toBe('ACTIVE');
      expect(registry.getThing('AMR-001')?.attributes).toEqual({ serialNumber: 'AMR-001' });
      expect(registry.listThingPrincipals('AMR-001').items).toEqual([certificate?.certificateArn]);
      expect(
        registry
          .listAttachedPolicies(certificate?.certificateArn ?? '')
          .items.map((p) => p.policyName),
      ).toEqual(['amr-device']);
      expect(
        registry.getOwnershipToken(hashOwnershipToken(issued.certificateOwnershipToken))?.usedAt,
      ).toBeDefined();

      const received = new Promise<InboundMessage>((resolve) => {
        const remove = cloud.broker.bus.handle(amrStatusTopic('AMR-001'), (message) => {
          remove();
          resolve(message);
        });
      });
      const robot = await connect(
        { certificatePem: issued.certificatePem, privateKeyPem: issued.privateKeyPem },
        'AMR-001',
      );
      await robot.publishAsync(amrStatusTopic('AMR-001'), '{"state":"idle"}', { qos: 1 });
      expect(await received).toMatchObject({
        clientId: 'AMR-001',
        certificateId: issued.certificateId,
      });
    },
  );

  it('rejects a token used twice, an unknown one and an expired one', async () => {
    await createTemplate(buildFleetProvisioningTemplate({ productionPolicyName: 'amr-device' }));
    const first = await newCertificate('csr');
    const parameters = { SerialNumber: 'AMR-001' };
    await first.api.registerThing(TEMPLATE, {
      certificateOwnershipToken: first.certificateOwnershipToken,
      parameters,
    });
    const invalid = {
      statusCode: 400,
      errorCode: 'InvalidCertificateOwnershipToken',
    };
    expect(
      await rejectionOf(
        first.api.registerThing(TEMPLATE, {
          certificateOwnershipToken: first.certificateOwnershipToken,
          parameters,
        }),
      ),
    ).toMatchObject(invalid);
    expect(
      await rejectionOf(
        first.api.registerThing(TEMPLATE, {
          certificateOwnershipToken: 'not-a-token-this-cloud-issued',
          parameters,
        }),
      ),
    ).toMatchObject(invalid);

    const second = await newCertificate('keys');
    offsetMs = OWNERSHIP_TOKEN_LIFETIME_MS + 1_000;
    expect(
      await rejectionOf(
        second.api.registerThing(TEMPLATE, {
          certificateOwnershipToken: second.certificateOwnershipToken,
          parameters: { SerialNumber: 'AMR-002' },
          tokenIssuedAt: Date.now(),
        }),
      ),
    ).toMatchObject(invalid);
    expect(cloud.context.registry.getThing('AMR-002')).toBeUndefined();
    expect(cloud.context.registry.getCertificate(second.certificateId)?.status).toBe(
      'PENDING_ACTIVATION',
    );
  });

  it('a production-certificate connection cannot publish RegisterThing, even with the token of an unregistered certificate: the policy closes the connection and nothing is registered', async () => {
    await createTemplate(buildFleetProvisioningTemplate({ productionPolicyName: 'amr-device' }));
    const production = await newCertificate('csr');
    await production.api.registerThing(TEMPLATE, {
      certificateOwnershipToken: production.certificateOwnershipToken,
      parameters: { SerialNumber: 'AMR-001' },
    });
    // A second certificate, created over a claim session and never registered.
    const pending = await newCertificate('keys');

    const robot = await connect(
      { certificatePem: production.certificatePem, privateKeyPem: production.privateKeyPem },
      'AMR-001',
    );
    // The device policy grants no provisioning topic; under MQTT 3.1.1 AWS closes the connection
    // of a publish the policy denies.
    const closed = new Promise<void>((resolve) => robot.once('close', () => resolve()));
    robot.publish(
      `$aws/provisioning-templates/${TEMPLATE}/provision/json`,
      JSON.stringify({
        certificateOwnershipToken: pending.certificateOwnershipToken,
        parameters: { SerialNumber: 'AMR-002' },
      }),
      { qos: 1 },
    );
    await closed;

    expectUnregistered(pending);
    expect(cloud.context.registry.getThing('AMR-002')).toBeUndefined();
  });

  it("refuses a template whose Certificate resource names another certificate than the token's, and writes nothing", async () => {
    await createTemplate(
      JSON.stringify({
        Parameters: {
          SerialNumber: { Type: 'String' },
          OtherCertificateId: { Type: 'String' },
        },
        Resources: {
          thing: { Type: 'AWS::IoT::Thing', Properties: { ThingName: { Ref: 'SerialNumber' } } },
          certificate: {
            Type: 'AWS::IoT::Certificate',
            Properties: { CertificateId: { Ref: 'OtherCertificateId' }, Status: 'ACTIVE' },
          },
          policy: { Type: 'AWS::IoT::Policy', Properties: { PolicyName: 'amr-device' } },
        },
      }),
    );
    const victim = await newCertificate('keys');
    const issued = await newCertificate('csr');
    const request = {
      certificateOwnershipToken: issued.certificateOwnershipToken,
      parameters: { SerialNumber: 'AMR-001', OtherCertificateId: victim.certificateId },
    };
    expect(await rejectionOf(issued.api.registerThing(TEMPLATE, request))).toMatchObject({
      statusCode: 400,
      errorCode: 'InvalidRequest',
      errorMessage: expect.stringContaining(victim.certificateId),
    });

    const { registry } = cloud.context;
    expect(registry.getThing('AMR-001')).toBeUndefined();
    for (const certificate of [issued, victim]) expectUnregistered(certificate);
  });

  it('accepts a token from another claim connection than the one that created the certificate (AWS binds it to the certificate, not the session)', async () => {
    await createTemplate(buildFleetProvisioningTemplate({ productionPolicyName: 'amr-device' }));
    const issued = await newCertificate('csr');
    const other = provisioning(await connect(pki.claim, 'claim-other-session'));
    await expect(
      other.registerThing(TEMPLATE, {
        certificateOwnershipToken: issued.certificateOwnershipToken,
        parameters: { SerialNumber: 'AMR-001' },
      }),
    ).resolves.toMatchObject({ thingName: 'AMR-001' });
    expect(cloud.context.registry.getCertificate(issued.certificateId)?.status).toBe('ACTIVE');
  });

  it("provisions with the README's template example (default, Mappings, Fn::FindInMap, Fn::Sub, OverrideSettings, DeviceConfiguration)", async () => {
    // Keep in step with "Provisioning templates" in libs/local-cloud/README.md.
    const body = {
      Parameters: {
        SerialNumber: { Type: 'String' },
        Model: { Type: 'String', Default: 'amr-s' },
        'AWS::IoT::Certificate::Id': { Type: 'String' },
      },
      Mappings: {
        Models: {
          'amr-s': { ThingType: 'amr-small', Group: 'fleet-small', MaxSpeed: '1.2' },
          'amr-l': { ThingType: 'amr-large', Group: 'fleet-large', MaxSpeed: '0.8' },
        },
      },
      Resources: {
        thing: {
          Type: 'AWS::IoT::Thing',
          Properties: {
            ThingName: { 'Fn::Sub': 'AMR-${SerialNumber}' },
            ThingTypeName: { 'Fn::FindInMap': ['Models', { Ref: 'Model' }, 'ThingType'] },
            ThingGroups: [{ 'Fn::FindInMap': ['Models', { Ref: 'Model' }, 'Group'] }],
            AttributePayload: { serialNumber: { Ref: 'SerialNumber' }, model: { Ref: 'Model' } },
          },
          OverrideSettings: {
            AttributePayload: 'MERGE',
            ThingTypeName: 'REPLACE',
            ThingGroups: 'MERGE',
          },
        },
        certificate: {
          Type: 'AWS::IoT::Certificate',
          Properties: { CertificateId: { Ref: 'AWS::IoT::Certificate::Id' }, Status: 'ACTIVE' },
        },
        policy: { Type: 'AWS::IoT::Policy', Properties: { PolicyName: 'amr-device' } },
      },
      DeviceConfiguration: {
        maxSpeed: { 'Fn::FindInMap': ['Models', { Ref: 'Model' }, 'MaxSpeed'] },
        telemetryTopic: { 'Fn::Sub': 'amr/AMR-${SerialNumber}/telemetry' },
      },
    };
    const { registry } = cloud.context;
    for (const thingTypeName of ['amr-small', 'amr-large'])
      registry.createThingType({ thingTypeName });
    for (const thingGroupName of ['fleet-small', 'fleet-large']) {
      registry.createThingGroup({ thingGroupName });
    }
    await createTemplate(JSON.stringify(body));

    const large = await newCertificate('csr');
    await expect(
      large.api.registerThing(TEMPLATE, {
        certificateOwnershipToken: large.certificateOwnershipToken,
        parameters: { SerialNumber: '001', Model: 'amr-l' },
      }),
    ).resolves.toEqual({
      thingName: 'AMR-001',
      deviceConfiguration: { maxSpeed: '0.8', telemetryTopic: 'amr/AMR-001/telemetry' },
    });
    expect(registry.getThing('AMR-001')).toMatchObject({
      thingTypeName: 'amr-large',
      attributes: { serialNumber: '001', model: 'amr-l' },
    });

    // The default Model, on the same thing: type replaced, groups and attributes merged.
    const small = await newCertificate('keys');
    await expect(
      small.api.registerThing(TEMPLATE, {
        certificateOwnershipToken: small.certificateOwnershipToken,
        parameters: { SerialNumber: '001' },
      }),
    ).resolves.toMatchObject({ deviceConfiguration: { maxSpeed: '1.2' } });
    expect(registry.getThing('AMR-001')).toMatchObject({
      thingTypeName: 'amr-small',
      attributes: { serialNumber: '001', model: 'amr-s' },
    });
    expect(
      registry
        .listThingGroupsForThing('AMR-001')
        .items.map((g) => g.thingGroupName)
        .sort(),
    ).toEqual(['fleet-large', 'fleet-small']);
  });

  describe('OverrideSettings when AMR-001 is provisioned a second time', () => {
    type Settings = Record<'AttributePayload' | 'ThingTypeName' | 'ThingGroups', string>;
    const thingTemplate = (
      thing: { attributes: Record<string, string>; type: string; groups: string[] },
      overrideSettings?: Settings,
    ) =>
      JSON.stringify({
        Parameters: { SerialNumber: { Type: 'String' } },
        Resources: {
          thing: {
            Type: 'AWS::IoT::Thing',
            Properties: {
              ThingName: { Ref: 'SerialNumber' },
              AttributePayload: thing.attributes,
              ThingTypeName: thing.type,
              ThingGroups: thing.groups,
            },
            ...(overrideSettings === undefined ? {} : { OverrideSettings: overrideSettings }),
          },
          certificate: {
            Type: 'AWS::IoT::Certificate',
            Properties: { CertificateId: { Ref: 'AWS::IoT::Certificate::Id' }, Status: 'ACTIVE' },
          },
          policy: { Type: 'AWS::IoT::Policy', Properties: { PolicyName: 'amr-device' } },
        },
      });
    const FIRST = {
      attributes: { site: 'tokyo', color: 'red' },
      type: 'amr-v1',
      groups: ['fleet-a'],
    };
    const SECOND = {
      attributes: { site: 'osaka', battery: 'lfp' },
      type: 'amr-v2',
      groups: ['fleet-b'],
    };

    /** Provisions AMR-001 with FIRST (no OverrideSettings), then switches the template to SECOND. */
    const provisionedOnce = async (overrideSettings?: Settings) => {
      const { registry } = cloud.context;
      for (const thingTypeName of ['amr-v1', 'amr-v2']) registry.createThingType({ thingTypeName });
      for (const thingGroupName of ['fleet-a', 'fleet-b'])
        registry.createThingGroup({ thingGroupName });
      await createTemplate(thingTemplate(FIRST));
      const first = await newCertificate('csr');
      await first.api.registerThing(TEMPLATE, {
        certificateOwnershipToken: first.certificateOwnershipToken,
        parameters: { SerialNumber: 'AMR-001' },
      });
      await iot.send(new DeleteProvisioningTemplateCommand({ templateName: TEMPLATE }));
      await createTemplate(thingTemplate(SECOND, overrideSettings));
      const second = await newCertificate('keys');
      const request = {
        certificateOwnershipToken: second.certificateOwnershipToken,
        parameters: { SerialNumber: 'AMR-001' },
      };
      return { first, second, request };
    };

    const thingState = () => {
      const { registry } = cloud.context;
      const thing = registry.getThing('AMR-001');
      return {
        attributes: thing?.attributes,
        type: thing?.thingTypeName,
        groups: registry
          .listThingGroupsForThing('AMR-001')
          .items.map((g) => g.thingGroupName)
          .sort(),
      };
    };

    it.each([
      [
        'DO_NOTHING keeps the thing as it is',
        { AttributePayload: 'DO_NOTHING', ThingTypeName: 'DO_NOTHING', ThingGroups: 'DO_NOTHING' },
        FIRST,
      ],
      [
        'REPLACE takes the template values',
        { AttributePayload: 'REPLACE', ThingTypeName: 'REPLACE', ThingGroups: 'REPLACE' },
        SECOND,
      ],
      [
        'MERGE adds attributes and groups (ThingTypeName replaced)',
        { AttributePayload: 'MERGE', ThingTypeName: 'REPLACE', ThingGroups: 'MERGE' },
        {
          attributes: { site: 'osaka', color: 'red', battery: 'lfp' },
          type: 'amr-v2',
          groups: ['fleet-a', 'fleet-b'],
        },
      ],
    ] as const)('%s', async (_, settings, expected) => {
      const { second, request } = await provisionedOnce(settings);
      await expect(second.api.registerThing(TEMPLATE, request)).resolves.toMatchObject({
        thingName: 'AMR-001',
      });
      expect(thingState()).toEqual({ ...expected, groups: [...expected.groups].sort() });
      const { registry } = cloud.context;
      expect(registry.getCertificate(second.certificateId)?.status).toBe('ACTIVE');
      expect(registry.listThingPrincipals('AMR-001').items).toHaveLength(2);
    });

    it('DO_NOTHING is the default when the template has no OverrideSettings', async () => {
      const { second, request } = await provisionedOnce();
      await second.api.registerThing(TEMPLATE, request);
      expect(thingState()).toEqual(FIRST);
    });

    it.each([
      [
        'AttributePayload',
        { AttributePayload: 'FAIL', ThingTypeName: 'REPLACE', ThingGroups: 'REPLACE' },
      ],
      [
        'ThingTypeName',
        { AttributePayload: 'REPLACE', ThingTypeName: 'FAIL', ThingGroups: 'REPLACE' },
      ],
      // The attributes and the type are replaced before the groups fail: all of it rolls back.
      [
        'ThingGroups',
        { AttributePayload: 'REPLACE', ThingTypeName: 'REPLACE', ThingGroups: 'FAIL' },
      ],
    ] as const)(
      'FAIL on a differing %s rejects with 409 ResourceConflicts and rolls everything back',
      async (property, settings) => {
        const { first, second, request } = await provisionedOnce(settings);
        expect(await rejectionOf(second.api.registerThing(TEMPLATE, request))).toMatchObject({
          statusCode: 409,
          errorCode: 'ResourceConflicts',
          errorMessage: expect.stringContaining(property),
        });
        expect(thingState()).toEqual(FIRST);
        expectUnregistered(second);
        const { registry } = cloud.context;
        expect(registry.listThingPrincipals('AMR-001').items).toEqual([
          registry.getCertificate(first.certificateId)?.certificateArn,
        ]);
      },
    );

    it('FAIL passes when the existing values equal the template values', async () => {
      const { registry } = cloud.context;
      for (const thingTypeName of ['amr-v1', 'amr-v2']) registry.createThingType({ thingTypeName });
      for (const thingGroupName of ['fleet-a', 'fleet-b'])
        registry.createThingGroup({ thingGroupName });
      const fail = { AttributePayload: 'FAIL', ThingTypeName: 'FAIL', ThingGroups: 'FAIL' };
      await createTemplate(thingTemplate(FIRST, fail));
      for (const method of ['csr', 'keys'] as const) {
        const issued = await newCertificate(method);
        await expect(
          issued.api.registerThing(TEMPLATE, {
            certificateOwnershipToken: issued.certificateOwnershipToken,
            parameters: { SerialNumber: 'AMR-001' },
          }),
        ).resolves.toMatchObject({ thingName: 'AMR-001' });
      }
      expect(thingState()).toEqual(FIRST);
    });
  });

  it('answers an empty token with AWS\'s "cannot be empty" rejection', async () => {
    await createTemplate(buildFleetProvisioningTemplate({ productionPolicyName: 'amr-device' }));
    const client = await connect(pki.claim, 'claim-empty');
    const topic = `$aws/provisioning-templates/${TEMPLATE}/provision/json`;
    await client.subscribeAsync(`${topic}/rejected`, { qos: 1 });
    const answer = new Promise<unknown>((resolve) =>
      client.once('message', (_t, payload) => resolve(JSON.parse(payload.toString('utf8')))),
    );
    await client.publishAsync(topic, '{"certificateOwnershipToken":""}', { qos: 1 });
    expect(await answer).toEqual({
      statusCode: 400,
      errorCode: 'InvalidCertificateOwnershipToken',
      errorMessage: 'Certificate ownership token cannot be empty.',
    });
  });

  it('rejects garbage RegisterThing payloads and stores nothing', async () => {
    await createTemplate(buildFleetProvisioningTemplate({ productionPolicyName: 'amr-device' }));
    const client = await connect(pki.claim, 'claim-garbage');
    const topic = `$aws/provisioning-templates/${TEMPLATE}/provision/json`;
    await client.subscribeAsync(`${topic}/rejected`, { qos: 1 });
    const answer = new Promise<unknown>((resolve) =>
      client.once('message', (_t, payload) => resolve(JSON.parse(payload.toString('utf8')))),
    );
    await client.publishAsync(topic, '{"certificateOwnershipToken": 42', { qos: 1 });
    expect(await answer).toMatchObject({ statusCode: 400, errorCode: 'InvalidPayload' });
    expect(cloud.context.registry.listThings().items).toEqual([]);
  });

  it.each([
    ['bytes that are not CBOR', Uint8Array.from([0xff, 0x1c, 0x00])],
    ['CBOR that is not a request (the integer 42)', Uint8Array.from([0x18, 0x2a])],
  ])(
    'rejects garbage CBOR RegisterThing payloads (%s) in CBOR and stores nothing',
    async (_, bytes) => {
      await createTemplate(buildFleetProvisioningTemplate({ productionPolicyName: 'amr-device' }));
      const client = await connect(pki.claim, 'claim-garbage-cbor');
      const issued = await provisioning(client, 'cbor').createKeysAndCertificate();
      const topic = `$aws/provisioning-templates/${TEMPLATE}/provision/cbor`;
      await client.subscribeAsync(`${topic}/rejected`, { qos: 1 });
      const answer = new Promise<unknown>((resolve) =>
        client.once('message', (_t, payload) => resolve(decodeCbor(payload))),
      );
      await client.publishAsync(topic, Buffer.from(bytes), { qos: 1 });
      expect(await answer).toMatchObject({
        statusCode: 400,
        errorCode: 'InvalidPayload',
        errorMessage: expect.stringContaining('RegisterThing'),
      });
      const { registry } = cloud.context;
      expect(registry.listThings().items).toEqual([]);
      expect(registry.getCertificate(issued.certificateId)?.status).toBe('PENDING_ACTIVATION');
      expect(
        registry.getOwnershipToken(hashOwnershipToken(issued.certificateOwnershipToken))?.usedAt,
      ).toBeUndefined();
    },
  );

  it.each(['csr', 'keys'] as const)(
    'issues %s certificates over MQTT valid for 365 days from now by default',
    async (method) => {
      const before = Date.now() + offsetMs;
      const issued = await newCertificate(method);
      const after = Date.now() + offsetMs;
      const { notBefore, notAfter } = parseCertificate(issued.certificatePem);
      // notBefore is the cloud's clock, rounded down to the second.
      expect(notBefore.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1_000) * 1_000);
      expect(notBefore.getTime()).toBeLessThanOrEqual(after);
      expect(notAfter.getTime() - notBefore.getTime()).toBe(365 * 24 * 3_600_000);
    },
  );

  it('rejects oversized parameters (AWS: values up to 4,096 characters) and stores nothing', async () => {
    await createTemplate(buildFleetProvisioningTemplate({ productionPolicyName: 'amr-device' }));
    const client = await connect(pki.claim, 'claim-oversized');
    const issued = await provisioning(client).createKeysAndCertificate();
    const topic = `$aws/provisioning-templates/${TEMPLATE}/provision/json`;
    await client.subscribeAsync(`${topic}/rejected`, { qos: 1 });
    const answer = new Promise<unknown>((resolve) =>
      client.once('message', (_t, payload) => resolve(JSON.parse(payload.toString('utf8')))),
    );
    const request = {
      certificateOwnershipToken: issued.certificateOwnershipToken,
      parameters: { SerialNumber: 'A'.repeat(4_097) },
    };
    await client.publishAsync(topic, JSON.stringify(request), { qos: 1 });
    expect(await answer).toMatchObject({ statusCode: 400, errorCode: 'InvalidRequest' });
    expect(cloud.context.registry.listThings().items).toEqual([]);
    expect(cloud.context.registry.getCertificate(issued.certificateId)?.status).toBe(
      'PENDING_ACTIVATION',
    );
  });

  it('adds the thing to existing thing groups and refuses missing ones, leaving nothing behind', async () => {
    const template = (group: string) =>
      JSON.stringify({
        Parameters: { SerialNumber: { Type: 'String' } },
        Resources: {
          thing: {
            Type: 'AWS::IoT::Thing',
            Properties: { ThingName: { Ref: 'SerialNumber' }, ThingGroups: [group] },
            OverrideSettings: { ThingGroups: 'MERGE' },
          },
          certificate: {
            Type: 'AWS::IoT::Certificate',
            Properties: { CertificateId: { Ref: 'AWS::IoT::Certificate::Id' }, Status: 'ACTIVE' },
          },
        },
      });
    const { registry } = cloud.context;
    registry.createThingGroup({ thingGroupName: 'fleet-a' });
    await createTemplate(template('no-such-group'));
    const issued = await newCertificate('keys');
    const request = {
      certificateOwnershipToken: issued.certificateOwnershipToken,
      parameters: { SerialNumber: 'AMR-001' },
    };
    expect(await rejectionOf(issued.api.registerThing(TEMPLATE, request))).toMatchObject({
      statusCode: 404,
      errorCode: 'ResourceNotFound',
    });
    expect(registry.getThing('AMR-001')).toBeUndefined();
    expect(registry.getCertificate(issued.certificateId)?.status).toBe('PENDING_ACTIVATION');

    await iot.send(new DeleteProvisioningTemplateCommand({ templateName: TEMPLATE }));
    await createTemplate(template('fleet-a'));
    await issued.api.registerThing(TEMPLATE, request);
    expect(registry.listThingGroupsForThing('AMR-001').items.map((g) => g.thingGroupName)).toEqual([
      'fleet-a',
    ]);
  });

  it('rejects an unknown template with 404 and a disabled one with 400', async () => {
    const issued = await newCertificate('csr');
    const request = {
      certificateOwnershipToken: issued.certificateOwnershipToken,
      parameters: { SerialNumber: 'AMR-001' },
    };
    expect(await rejectionOf(issued.api.registerThing(TEMPLATE, request))).toMatchObject({
      statusCode: 404,
      errorCode: 'ResourceNotFound',
    });
    await createTemplate(
      buildFleetProvisioningTemplate({ productionPolicyName: 'amr-device' }),
      false,
    );
    expect(await rejectionOf(issued.api.registerThing(TEMPLATE, request))).toMatchObject({
      statusCode: 400,
    });
    await iot.send(
      new UpdateProvisioningTemplateCommand({ templateName: TEMPLATE, enabled: true }),
    );
    await expect(issued.api.registerThing(TEMPLATE, request)).resolves.toMatchObject({
      thingName: 'AMR-001',
    });
  });

  it('refuses a JITP template: those are applied at a first CONNECT, never by RegisterThing', async () => {
    await iot.send(
      new CreateProvisioningTemplateCommand({
        templateName: TEMPLATE,
        templateBody: buildFleetProvisioningTemplate({ productionPolicyName: 'amr-device' }),
        provisioningRoleArn: ROLE,
        enabled: true,
        type: 'JITP',
      }),
    );
    const issued = await newCertificate('csr');
    expect(
      await rejectionOf(
        issued.api.registerThing(TEMPLATE, {
          certificateOwnershipToken: issued.certificateOwnershipToken,
          parameters: { SerialNumber: 'AMR-001' },
        }),
      ),
    ).toMatchObject({ statusCode: 400, errorCode: 'InvalidRequest' });
    expect(cloud.context.registry.getThing('AMR-001')).toBeUndefined();
    expect(cloud.context.registry.getCertificate(issued.certificateId)?.status).toBe(
      'PENDING_ACTIVATION',
    );
  });

  it('applies everything or nothing: a failure after the thing was created leaves nothing behind', async () => {
    // The thing and the certificate status are applied before the policies; the missing policy
    // fails the transaction half-way.
    await createTemplate(
      buildFleetProvisioningTemplate({ productionPolicyName: 'missing-policy' }),
    );
    const issued = await newCertificate('csr');
    const request = {
      certificateOwnershipToken: issued.certificateOwnershipToken,
      parameters: { SerialNumber: 'AMR-001' },
    };
    expect(await rejectionOf(issued.api.registerThing(TEMPLATE, request))).toMatchObject({
      statusCode: 404,
      errorCode: 'ResourceNotFound',
    });
    expectUnregistered(issued);
    const { registry } = cloud.context;
    expect(registry.getThing('AMR-001')).toBeUndefined();

    // The same token works once the policy exists.
    registry.createPolicy(
      'missing-policy',
      JSON.stringify(buildDevicePolicy({ region: REGION, accountId: ACCOUNT })),
    );
    await expect(issued.api.registerThing(TEMPLATE, request)).resolves.toMatchObject({
      thingName: 'AMR-001',
    });
  });

  it('creates a policy from a PolicyDocument resource and attaches it', async () => {
    const document = buildDevicePolicy({ region: REGION, accountId: ACCOUNT });
    await createTemplate(
      JSON.stringify({
        Parameters: { SerialNumber: { Type: 'String' } },
        Resources: {
          thing: { Type: 'AWS::IoT::Thing', Properties: { ThingName: { Ref: 'SerialNumber' } } },
          certificate: {
            Type: 'AWS::IoT::Certificate',
            Properties: { CertificateId: { Ref: 'AWS::IoT::Certificate::Id' }, Status: 'ACTIVE' },
          },
          policy: {
            Type: 'AWS::IoT::Policy',
            Properties: { PolicyDocument: JSON.stringify(document) },
          },
        },
      }),
    );
    const issued = await newCertificate('keys');
    await issued.api.registerThing(TEMPLATE, {
      certificateOwnershipToken: issued.certificateOwnershipToken,
      parameters: { SerialNumber: 'AMR-001' },
    });
    const arn = cloud.context.registry.getCertificate(issued.certificateId)?.certificateArn ?? '';
    const attached = cloud.context.registry.listAttachedPolicies(arn).items;
    expect(attached).toHaveLength(1);
    expect(attached[0]?.policyName).toMatch(/^[0-9a-f]{64}$/);
  });

  it("the claim certificate cannot touch another template's topics", async () => {
    const client = await connect(pki.claim, 'claim-other');
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.publish('$aws/provisioning-templates/other-template/provision/json', '{}', { qos: 1 });
    await closed;
  });

  it('provisions with a trusted-user claim (CreateProvisioningClaim) within its 5 minutes only', async () => {
    await createTemplate(buildFleetProvisioningTemplate({ productionPolicyName: 'amr-device' }));
    const claim = await iot.send(new CreateProvisioningClaimCommand({ templateName: TEMPLATE }));
    expect(claim.expiration?.getTime()).toBeGreaterThan(Date.now());
    const claimPems = {
      certificatePem: claim.certificatePem ?? '',
      privateKeyPem: claim.keyPair?.PrivateKey ?? '',
    };
    const listed = await iot.send(new ListCertificatesCommand({}));
    expect(listed.certificates?.map((c) => c.certificateId)).not.toContain(claim.certificateId);

    const client = await connect(claimPems, 'trusted-AMR-009');
    const api = provisioning(client);
    const issued = await api.createKeysAndCertificate();
    await expect(
      api.registerThing(TEMPLATE, {
        certificateOwnershipToken: issued.certificateOwnershipToken,
        parameters: { SerialNumber: 'AMR-009' },
      }),
    ).resolves.toMatchObject({ thingName: 'AMR-009' });

    offsetMs = PROVISIONING_CLAIM_LIFETIME_MS + 1_000;
    expect(await rejectionOf(api.createKeysAndCertificate())).toMatchObject({
      statusCode: 403,
      errorCode: 'AccessDenied',
    });
    await expect(connect(claimPems, 'trusted-AMR-010')).rejects.toThrow();
  });

  it("refuses RegisterThing once a trusted-user claim's 5 minutes are over, even with a token obtained in time", async () => {
    // AWS: the claim certificate of CreateProvisioningClaim works for 5 minutes; the device must
    // finish provisioning within them. The ownership token itself stays valid for its hour.
    await createTemplate(buildFleetProvisioningTemplate({ productionPolicyName: 'amr-device' }));
    const newClaim = async () => {
      const claim = await iot.send(new CreateProvisioningClaimCommand({ templateName: TEMPLATE }));
      return {
        certificatePem: claim.certificatePem ?? '',
        privateKeyPem: claim.keyPair?.PrivateKey ?? '',
      };
    };
    const late = await connect(await newClaim(), 'trusted-late');
    const api = provisioning(late);
    const issued = await api.createKeysAndCertificate();
    offsetMs = PROVISIONING_CLAIM_LIFETIME_MS + 1_000;
    const request = {
      certificateOwnershipToken: issued.certificateOwnershipToken,
      parameters: { SerialNumber: 'AMR-011' },
    };
    expect(await rejectionOf(api.registerThing(TEMPLATE, request))).toMatchObject({
      statusCode: 403,
      errorCode: 'AccessDenied',
      errorMessage: expect.stringContaining('expired'),
    });
    const { registry } = cloud.context;
    expect(registry.getThing('AMR-011')).toBeUndefined();
    expect(registry.getCertificate(issued.certificateId)?.status).toBe('PENDING_ACTIVATION');
    expect(
      registry.getOwnershipToken(hashOwnershipToken(issued.certificateOwnershipToken))?.usedAt,
    ).toBeUndefined();

    // A fresh claim (within its own 5 minutes) may still register the certificate with the token.
    const retry = provisioning(await connect(await newClaim(), 'trusted-retry'));
    await expect(retry.registerThing(TEMPLATE, request)).resolves.toMatchObject({
      thingName: 'AMR-011',
    });
    expect(registry.getCertificate(issued.certificateId)?.status).toBe('ACTIVE');
  });

  it('refuses unsupported template constructs at creation (InvalidRequestException naming them)', async () => {
    const body = JSON.stringify({
      Conditions: { IsProd: { 'Fn::Equals': ['a', 'a'] } },
      Resources: {},
    });
    const error: unknown = await createTemplate(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestException);
    expect((error as Error).message).toContain('Conditions');
    await expect(
      iot.send(new DescribeProvisioningTemplateCommand({ templateName: TEMPLATE })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('describes, lists, updates and deletes templates through @aws-sdk/client-iot', async () => {
    const body = buildFleetProvisioningTemplate({ productionPolicyName: 'amr-device' });
    const created = await createTemplate(body);
    expect(created).toMatchObject({
      templateName: TEMPLATE,
      templateArn: `arn:aws:iot:${REGION}:${ACCOUNT}:provisioningtemplate/${TEMPLATE}`,
      defaultVersionId: 1,
    });
    await iot.send(
      new UpdateProvisioningTemplateCommand({
        templateName: TEMPLATE,
        description: 'AMR fleet',
        enabled: false,
      }),
    );
    const described = await iot.send(
      new DescribeProvisioningTemplateCommand({ templateName: TEMPLATE }),
    );
    expect(described).toMatchObject({
      templateName: TEMPLATE,
      templateBody: body,
      enabled: false,
      description: 'AMR fleet',
      provisioningRoleArn: ROLE,
      type: 'FLEET_PROVISIONING',
      defaultVersionId: 1,
    });
    expect(described.creationDate).toBeInstanceOf(Date);
    const listed = await iot.send(new ListProvisioningTemplatesCommand({}));
    expect(listed.templates?.map((t) => t.templateName)).toEqual([TEMPLATE]);
    await iot.send(new DeleteProvisioningTemplateCommand({ templateName: TEMPLATE }));
    await expect(
      iot.send(new DeleteProvisioningTemplateCommand({ templateName: TEMPLATE })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
