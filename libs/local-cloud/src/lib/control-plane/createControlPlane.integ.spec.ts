import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CertificateStateException,
  CertificateValidationException,
  CreateCertificateFromCsrCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateThingCommand,
  CreateThingTypeCommand,
  DeleteCertificateCommand,
  DeleteConflictException,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteThingCommand,
  DescribeCACertificateCommand,
  DescribeCertificateCommand,
  DescribeEndpointCommand,
  DescribeThingCommand,
  DetachPolicyCommand,
  DetachThingPrincipalCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRegistrationCodeCommand,
  InvalidRequestException,
  IoTClient,
  IoTServiceException,
  LimitExceededException,
  ListAttachedPoliciesCommand,
  ListCertificatesByCACommand,
  ListCertificatesCommand,
  ListPoliciesCommand,
  ListPolicyVersionsCommand,
  ListPrincipalThingsCommand,
  ListTargetsForPolicyCommand,
  ListThingPrincipalsCommand,
  ListThingsCommand,
  MalformedPolicyException,
  RegisterCACertificateCommand,
  RegisterCertificateCommand,
  RegisterCertificateWithoutCACommand,
  RegistrationCodeValidationException,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  SetDefaultPolicyVersionCommand,
  UpdateCertificateCommand,
  UpdateThingCommand,
  VersionConflictException,
  VersionsLimitExceededException,
} from '@aws-sdk/client-iot';
import {
  certificateId,
  createCertificateAuthority,
  createCsr,
  generateKeyPair,
  loadCertificateAuthority,
  parseCertificate,
} from '@iot-gateway-net/pki';
import { createTestPki, type TestPki } from '@iot-gateway-net/pki/testing';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { CloudContext } from '../context/CloudContext.js';
import { createCredentialStore } from '../context/createCredentialStore.js';
import { createJsonLogger } from '../context/createJsonLogger.js';
import { createMetrics } from '../context/createMetrics.js';
import type { CredentialRecord } from '../context/CredentialStore.js';
import { systemClock } from '../context/systemClock.js';
import { createRegistry } from '../registry/createRegistry.js';
import type { Registry } from '../registry/types.js';
import { createControlPlane, type ControlPlane } from './createControlPlane.js';

const REGION = 'ap-northeast-1';
const ACCOUNT = '123456789012';
const ENDPOINT_HOST = 'localhost';
const ADMIN: CredentialRecord = {
  accessKeyId: 'AKIALOCALADMIN000001',
  secretAccessKey: 'admin-secret-key-never-logged-0000000000',
  identity: { kind: 'admin' },
};
const READER: CredentialRecord = {
  accessKeyId: 'AKIALOCALREADER00001',
  secretAccessKey: 'reader-secret',
  identity: {
    kind: 'iam',
    iamPolicies: [
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['iot:DescribeThing', 'iot:ListThings'], Resource: '*' },
          {
            Effect: 'Deny',
            Action: 'iot:DescribeThing',
            Resource: `arn:aws:iot:${REGION}:${ACCOUNT}:thing/secret-*`,
          },
        ],
      },
    ],
  },
};
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: 'iot:Connect',
      Resource: `arn:aws:iot:${REGION}:${ACCOUNT}:client/\${iot:Connection.Thing.ThingName}`,
    },
  ],
});
const policyV = (n: number): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: 'iot:Publish',
        Resource: `arn:aws:iot:${REGION}:${ACCOUNT}:topic/v${n}`,
      },
    ],
  });

let pki: TestPki;
beforeAll(async () => {
  pki = await createTestPki({ now: new Date() });
});

describe('createControlPlane with @aws-sdk/client-iot', () => {
  let dir: string;
  let registry: Registry;
  let controlPlane: ControlPlane;
  let server: Server;
  let port: number;
  let iot: IoTClient;
  let logLines: string[];

  const client = (credential: { accessKeyId: string; secretAccessKey: string }): IoTClient =>
    new IoTClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: REGION,
      credentials: {
        accessKeyId: credential.accessKeyId,
        secretAccessKey: credential.secretAccessKey,
      },
      maxAttempts: 1,
    });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'control-plane-'));
    registry = createRegistry({
      path: join(dir, 'registry.sqlite'),
      region: REGION,
      accountId: ACCOUNT,
      clock: systemClock,
    });
    logLines = [];
    const ctx: CloudContext = {
      region: REGION,
      accountId: ACCOUNT,
      endpointHost: ENDPOINT_HOST,
      registry,
      credentials: createCredentialStore([ADMIN, READER]),
      ca: pki.ca,
      rootCaPem: pki.ca.certificatePem,
      // Real time: the SDK signs with the real clock and SigV4 allows 15 minutes of skew.
      clock: systemClock,
      logger: createJsonLogger({ write: (line) => void logLines.push(line) }),
      metrics: createMetrics(),
    };
    controlPlane = createControlPlane(ctx);
    server = createServer((req, res) => controlPlane.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    iot = client(ADMIN);
  });

  afterEach(async () => {
    iot.destroy();
    await controlPlane.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    registry.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function rejected(promise: Promise<unknown>): Promise<IoTServiceException> {
    try {
      await promise;
    } catch (error) {
      expect(error).toBeInstanceOf(IoTServiceException);
      return error as IoTServiceException;
    }
    throw new Error('expected the call to fail');
  }

  describe('things', () => {
    it('creates, describes, lists, updates and deletes things', async () => {
      await iot.send(new CreateThingTypeCommand({ thingTypeName: 'amr' }));
      const created = await iot.send(
        new CreateThingCommand({
          thingName: 'robot-001',
          thingTypeName: 'amr',
          attributePayload: { attributes: { site: 'tokyo' } },
        }),
      );
      expect(created).toMatchObject({
        thingName: 'robot-001',
        thingArn: `arn:aws:iot:${REGION}:${ACCOUNT}:thing/robot-001`,
        thingId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      });
      const described = await iot.send(new DescribeThingCommand({ thingName: 'robot-001' }));
      expect(described).toMatchObject({
        defaultClientId: 'robot-001',
        thingName: 'robot-001',
        thingId: created.thingId,
        thingArn: created.thingArn,
        thingTypeName: 'amr',
        attributes: { site: 'tokyo' },
        version: 1,
      });

      await iot.send(
        new UpdateThingCommand({
          thingName: 'robot-001',
          attributePayload: { attributes: { floor: '3', site: '' }, merge: true },
          expectedVersion: 1,
        }),
      );
      expect(await iot.send(new DescribeThingCommand({ thingName: 'robot-001' }))).toMatchObject({
        attributes: { floor: '3' },
        version: 2,
      });
      await iot.send(new UpdateThingCommand({ thingName: 'robot-001', removeThingType: true }));
      expect(
        (await iot.send(new DescribeThingCommand({ thingName: 'robot-001' }))).thingTypeName,
      ).toBeUndefined();

      for (const n of ['robot-002', 'robot-003'])
        await iot.send(
          new CreateThingCommand({
            thingName: n,
            attributePayload: { attributes: { floor: '3' } },
          }),
        );
      const page1 = await iot.send(new ListThingsCommand({ maxResults: 2 }));
      expect(page1.things?.map((t) => t.thingName)).toEqual(['robot-001', 'robot-002']);
      expect(page1.things?.[0]).toMatchObject({
        thingArn: created.thingArn,
        attributes: { floor: '3' },
        version: 3,
      });
      const page2 = await iot.send(
        new ListThingsCommand({ maxResults: 2, nextToken: page1.nextToken }),
      );
      expect(page2.things?.map((t) => t.thingName)).toEqual(['robot-003']);
      expect(page2.nextToken).toBeUndefined();
      const filtered = await iot.send(
        new ListThingsCommand({ attributeName: 'floor', attributeValue: '3' }),
      );
      expect(filtered.things).toHaveLength(3);

      await iot.send(new DeleteThingCommand({ thingName: 'robot-001', expectedVersion: 3 }));
      expect(
        await rejected(iot.send(new DescribeThingCommand({ thingName: 'robot-001' }))),
      ).toBeInstanceOf(ResourceNotFoundException);
      // DeleteThing succeeds for a thing that does not exist.
      await expect(
        iot.send(new DeleteThingCommand({ thingName: 'robot-001' })),
      ).resolves.toBeDefined();
    });

    it('answers the typed exceptions of the thing operations', async () => {
      await iot.send(
        new CreateThingCommand({ thingName: 't1', attributePayload: { attributes: { a: '1' } } }),
      );
      // Same configuration again is fine; a different one is ResourceAlreadyExistsException.
      await expect(
        iot.send(
          new CreateThingCommand({ thingName: 't1', attributePayload: { attributes: { a: '1' } } }),
        ),
      ).resolves.toBeDefined();
      const exists = await rejected(
        iot.send(
          new CreateThingCommand({ thingName: 't1', attributePayload: { attributes: { a: '2' } } }),
        ),
      );
      expect(exists).toBeInstanceOf(ResourceAlreadyExistsException);
      expect(exists.$metadata.httpStatusCode).toBe(409);
      expect((exists as ResourceAlreadyExistsException).resourceArn).toBe(
        `arn:aws:iot:${REGION}:${ACCOUNT}:thing/t1`,
      );
      expect((exists as ResourceAlreadyExistsException).resourceId).toMatch(/^[0-9a-f-]{36}$/);

      const conflict = await rejected(
        iot.send(
          new UpdateThingCommand({
            thingName: 't1',
            attributePayload: { attributes: { b: '2' } },
            expectedVersion: 5,
          }),
        ),
      );
      expect(conflict).toBeInstanceOf(VersionConflictException);
      expect(
        await rejected(iot.send(new DeleteThingCommand({ thingName: 't1', expectedVersion: 9 }))),
      ).toBeInstanceOf(VersionConflictException);
      expect(
        await rejected(
          iot.send(
            new UpdateThingCommand({ thingName: 'missing', attributePayload: { attributes: {} } }),
          ),
        ),
      ).toBeInstanceOf(ResourceNotFoundException);

      const invalid = await rejected(iot.send(new CreateThingCommand({ thingName: 'bad name' })));
      expect(invalid).toBeInstanceOf(InvalidRequestException);
      expect(invalid.message).toContain('[a-zA-Z0-9:_-]{1,128}');
      expect(invalid.message).toContain('"bad name"');
      expect(
        await rejected(
          iot.send(
            new CreateThingCommand({
              thingName: 't2',
              attributePayload: { attributes: { 'bad key': 'v' } },
            }),
          ),
        ),
      ).toBeInstanceOf(InvalidRequestException);
      expect(
        await rejected(iot.send(new ListThingsCommand({ nextToken: 'not-a-token' }))),
      ).toBeInstanceOf(InvalidRequestException);
      expect(await rejected(iot.send(new ListThingsCommand({ maxResults: 251 })))).toBeInstanceOf(
        InvalidRequestException,
      );

      const { certificateArn } = await iot.send(
        new CreateKeysAndCertificateCommand({ setAsActive: true }),
      );
      await iot.send(
        new AttachThingPrincipalCommand({ thingName: 't1', principal: certificateArn }),
      );
      const attached = await rejected(iot.send(new DeleteThingCommand({ thingName: 't1' })));
      expect(attached).toBeInstanceOf(InvalidRequestException);
      expect(attached.message).toBe(
        'Cannot delete. Thing t1 is still attached to one or more principals',
      );
    });
  });

  describe('certificates', () => {
    it('creates keys and a certificate (INACTIVE unless setAsActive) signed by the local CA', async () => {
      const made = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
      expect(made.certificateId).toBe(certificateId(made.certificatePem ?? ''));
      expect(made.certificateArn).toBe(
        `arn:aws:iot:${REGION}:${ACCOUNT}:cert/${made.certificateId}`,
      );
      expect(made.keyPair?.PrivateKey).toContain('PRIVATE KEY');
      expect(made.keyPair?.PublicKey).toContain('PUBLIC KEY');
      await expect(
        pki.ca.verifyIssued(made.certificatePem ?? '', { now: new Date() }),
      ).resolves.toBe(true);
      const parsed = parseCertificate(made.certificatePem ?? '');
      expect(
        Math.round((parsed.notAfter.getTime() - parsed.notBefore.getTime()) / 86_400_000),
      ).toBe(365);

      const { certificateDescription: d } = await iot.send(
        new DescribeCertificateCommand({ certificateId: made.certificateId }),
      );
      expect(d).toMatchObject({
        certificateArn: made.certificateArn,
        certificateId: made.certificateId,
        status: 'ACTIVE',
        certificatePem: made.certificatePem,
        ownedBy: ACCOUNT,
        customerVersion: 1,
        certificateMode: 'DEFAULT',
      });
      expect(d?.creationDate).toBeInstanceOf(Date);
      expect(d?.validity?.notAfter?.getTime()).toBe(parsed.notAfter.getTime());

      const inactive = await iot.send(new CreateKeysAndCertificateCommand({}));
      expect(
        (await iot.send(new DescribeCertificateCommand({ certificateId: inactive.certificateId })))
          .certificateDescription?.status,
      ).toBe('INACTIVE');
    });

    it('signs a CSR and refuses a malformed one', async () => {
      const keys = await generateKeyPair();
      const csr = await createCsr({ keys, commonName: 'robot-001' });
      const made = await iot.send(
        new CreateCertificateFromCsrCommand({ certificateSigningRequest: csr, setAsActive: true }),
      );
      expect(parseCertificate(made.certificatePem ?? '').commonName).toBe('robot-001');
      expect(
        (await iot.send(new DescribeCertificateCommand({ certificateId: made.certificateId })))
          .certificateDescription?.status,
      ).toBe('ACTIVE');
      const bad = await rejected(
        iot.send(
          new CreateCertificateFromCsrCommand({
            certificateSigningRequest:
              '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----',
          }),
        ),
      );
      expect(bad).toBeInstanceOf(InvalidRequestException);
      expect(bad.message).toContain('certificateSigningRequest');
    });

    it('registers a CA, certificates it signed, and certificates without a CA', async () => {
      const { registrationCode } = await iot.send(new GetRegistrationCodeCommand({}));
      const verification = await pki.issueDevice({ thingName: registrationCode ?? '' });
      expect(
        await rejected(
          iot.send(
            new RegisterCACertificateCommand({
              caCertificate: pki.ca.certificatePem,
              verificationCertificate: pki.device.certificatePem,
            }),
          ),
        ),
      ).toBeInstanceOf(RegistrationCodeValidationException);
      const ca = await iot.send(
        new RegisterCACertificateCommand({
          caCertificate: pki.ca.certificatePem,
          verificationCertificate: verification.certificatePem,
          setAsActive: true,
        }),
      );
      expect(ca.certificateId).toBe(pki.ca.certificateId);
      const described = await iot.send(
        new DescribeCACertificateCommand({ certificateId: ca.certificateId }),
      );
      expect(described.certificateDescription).toMatchObject({
        status: 'ACTIVE',
        certificateMode: 'DEFAULT',
        autoRegistrationStatus: 'DISABLE',
      });
      expect(
        await rejected(
          iot.send(
            new RegisterCACertificateCommand({
              caCertificate: pki.ca.certificatePem,
              verificationCertificate: verification.certificatePem,
            }),
          ),
        ),
      ).toBeInstanceOf(ResourceAlreadyExistsException);
      expect(
        await rejected(
          iot.send(
            new RegisterCACertificateCommand({
              caCertificate: pki.device.certificatePem,
              certificateMode: 'SNI_ONLY',
            }),
          ),
        ),
      ).toBeInstanceOf(CertificateValidationException);

      const device = await pki.issueDevice({ thingName: 'robot-009' });
      const registered = await iot.send(
        new RegisterCertificateCommand({ certificatePem: device.certificatePem, status: 'ACTIVE' }),
      );
      expect(registered.certificateId).toBe(device.certificateId);
      const desc = await iot.send(
        new DescribeCertificateCommand({ certificateId: device.certificateId }),
      );
      expect(desc.certificateDescription).toMatchObject({
        status: 'ACTIVE',
        caCertificateId: pki.ca.certificateId,
        certificateMode: 'DEFAULT',
      });
      const again = await rejected(
        iot.send(
          new RegisterCertificateCommand({
            certificatePem: device.certificatePem,
            caCertificatePem: pki.ca.certificatePem,
          }),
        ),
      );
      expect(again).toBeInstanceOf(ResourceAlreadyExistsException);
      expect((again as ResourceAlreadyExistsException).resourceId).toBe(device.certificateId);

      const otherCa = await loadCertificateAuthority(
        await createCertificateAuthority({
          commonName: 'other CA',
          now: new Date(Date.now() - 86_400_000),
        }),
      );
      const foreign = await otherCa.issueKeyAndCertificate({ now: new Date() });
      expect(
        await rejected(
          iot.send(new RegisterCertificateCommand({ certificatePem: foreign.certificatePem })),
        ),
      ).toBeInstanceOf(CertificateValidationException);
      expect(
        await rejected(
          iot.send(
            new RegisterCertificateCommand({ certificatePem: pki.expiredDevice.certificatePem }),
          ),
        ),
      ).toBeInstanceOf(CertificateValidationException);

      const claim = await iot.send(
        new RegisterCertificateWithoutCACommand({
          certificatePem: pki.claim.certificatePem,
          status: 'ACTIVE',
        }),
      );
      expect(
        (await iot.send(new DescribeCertificateCommand({ certificateId: claim.certificateId })))
          .certificateDescription,
      ).toMatchObject({ certificateMode: 'SNI_ONLY', status: 'ACTIVE' });
      expect(
        (await iot.send(new DescribeCertificateCommand({ certificateId: claim.certificateId })))
          .certificateDescription?.caCertificateId,
      ).toBeUndefined();
      expect(
        await rejected(
          iot.send(new RegisterCertificateWithoutCACommand({ certificatePem: 'not a pem' })),
        ),
      ).toBeInstanceOf(CertificateValidationException);

      const byCa = await iot.send(
        new ListCertificatesByCACommand({ caCertificateId: pki.ca.certificateId }),
      );
      expect(byCa.certificates?.map((c) => c.certificateId)).toEqual([device.certificateId]);
    });

    it('lists certificates newest first with markers', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++)
        ids.push((await iot.send(new CreateKeysAndCertificateCommand({}))).certificateId ?? '');
      const all: string[] = [];
      let marker: string | undefined;
      do {
        const page = await iot.send(new ListCertificatesCommand({ pageSize: 2, marker }));
        all.push(...(page.certificates ?? []).map((c) => c.certificateId ?? ''));
        expect(page.certificates?.[0]).toMatchObject({
          status: 'INACTIVE',
          certificateMode: 'DEFAULT',
        });
        marker = page.nextMarker;
      } while (marker);
      expect([...all].sort()).toEqual([...ids].sort());
    });

    it('updates status with REVOKED final, and deletes only as AWS allows', async () => {
      const { certificateId: id, certificateArn: arn } = await iot.send(
        new CreateKeysAndCertificateCommand({ setAsActive: true }),
      );
      const active = await rejected(iot.send(new DeleteCertificateCommand({ certificateId: id })));
      expect(active).toBeInstanceOf(CertificateStateException);
      expect(active.$metadata.httpStatusCode).toBe(406);

      await iot.send(new CreatePolicyCommand({ policyName: 'p', policyDocument: POLICY }));
      await iot.send(new AttachPolicyCommand({ policyName: 'p', target: arn }));
      await iot.send(new CreateThingCommand({ thingName: 'robot-001' }));
      await iot.send(new AttachThingPrincipalCommand({ thingName: 'robot-001', principal: arn }));
      await iot.send(new UpdateCertificateCommand({ certificateId: id, newStatus: 'INACTIVE' }));
      expect(
        await rejected(
          iot.send(new DeleteCertificateCommand({ certificateId: id, forceDelete: true })),
        ),
      ).toBeInstanceOf(DeleteConflictException);
      await iot.send(new DetachThingPrincipalCommand({ thingName: 'robot-001', principal: arn }));
      expect(
        await rejected(iot.send(new DeleteCertificateCommand({ certificateId: id }))),
      ).toBeInstanceOf(DeleteConflictException);

      await iot.send(new UpdateCertificateCommand({ certificateId: id, newStatus: 'REVOKED' }));
      const revoked = await rejected(
        iot.send(new UpdateCertificateCommand({ certificateId: id, newStatus: 'ACTIVE' })),
      );
      expect(revoked).toBeInstanceOf(CertificateStateException);
      expect(
        await rejected(
          iot.send(
            new UpdateCertificateCommand({ certificateId: id, newStatus: 'PENDING_TRANSFER' }),
          ),
        ),
      ).toBeInstanceOf(InvalidRequestException);

      await iot.send(new DeleteCertificateCommand({ certificateId: id, forceDelete: true }));
      expect(
        await rejected(iot.send(new DescribeCertificateCommand({ certificateId: id }))),
      ).toBeInstanceOf(ResourceNotFoundException);
      expect(
        (await iot.send(new ListTargetsForPolicyCommand({ policyName: 'p' }))).targets,
      ).toEqual([]);
      expect(
        await rejected(iot.send(new DescribeCertificateCommand({ certificateId: 'xyz' }))),
      ).toBeInstanceOf(InvalidRequestException);
    });
  });

  describe('policies', () => {
    it('creates, gets, lists and deletes policies, refusing malformed documents', async () => {
      const created = await iot.send(
        new CreatePolicyCommand({ policyName: 'device-policy', policyDocument: POLICY }),
      );
      expect(created).toEqual(
        expect.objectContaining({
          policyName: 'device-policy',
          policyArn: `arn:aws:iot:${REGION}:${ACCOUNT}:policy/device-policy`,
          policyDocument: POLICY,
          policyVersionId: '1',
        }),
      );
      const got = await iot.send(new GetPolicyCommand({ policyName: 'device-policy' }));
      expect(got).toMatchObject({
        policyName: 'device-policy',
        policyDocument: POLICY,
        defaultVersionId: '1',
        generationId: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
      });
      expect(got.creationDate).toBeInstanceOf(Date);
      await iot.send(
        new CreatePolicyCommand({ policyName: 'claim-policy', policyDocument: POLICY }),
      );
      const page = await iot.send(new ListPoliciesCommand({ pageSize: 1 }));
      expect(page.policies).toEqual([
        {
          policyName: 'claim-policy',
          policyArn: `arn:aws:iot:${REGION}:${ACCOUNT}:policy/claim-policy`,
        },
      ]);
      expect(
        (await iot.send(new ListPoliciesCommand({ marker: page.nextMarker }))).policies?.map(
          (p) => p.policyName,
        ),
      ).toEqual(['device-policy']);

      expect(
        await rejected(
          iot.send(
            new CreatePolicyCommand({ policyName: 'device-policy', policyDocument: POLICY }),
          ),
        ),
      ).toBeInstanceOf(ResourceAlreadyExistsException);
      const malformed = await rejected(
        iot.send(
          new CreatePolicyCommand({
            policyName: 'bad',
            policyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Maybe"}]}',
          }),
        ),
      );
      expect(malformed).toBeInstanceOf(MalformedPolicyException);
      expect(
        await rejected(
          iot.send(new CreatePolicyCommand({ policyName: 'bad', policyDocument: 'not json' })),
        ),
      ).toBeInstanceOf(MalformedPolicyException);
      const huge = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: 'x'.repeat(2100) }],
      });
      expect(
        await rejected(
          iot.send(new CreatePolicyCommand({ policyName: 'huge', policyDocument: huge })),
        ),
      ).toBeInstanceOf(MalformedPolicyException);
      expect(
        await rejected(
          iot.send(new CreatePolicyCommand({ policyName: 'bad name!', policyDocument: POLICY })),
        ),
      ).toBeInstanceOf(InvalidRequestException);

      await iot.send(new DeletePolicyCommand({ policyName: 'claim-policy' }));
      expect(
        await rejected(iot.send(new GetPolicyCommand({ policyName: 'claim-policy' }))),
      ).toBeInstanceOf(ResourceNotFoundException);
    });

    it('manages up to five versions and refuses deleting the default or a policy with versions', async () => {
      await iot.send(new CreatePolicyCommand({ policyName: 'p', policyDocument: policyV(1) }));
      const v2 = await iot.send(
        new CreatePolicyVersionCommand({
          policyName: 'p',
          policyDocument: policyV(2),
          setAsDefault: true,
        }),
      );
      expect(v2).toMatchObject({
        policyVersionId: '2',
        isDefaultVersion: true,
        policyDocument: policyV(2),
      });
      for (const n of [3, 4, 5])
        await iot.send(
          new CreatePolicyVersionCommand({ policyName: 'p', policyDocument: policyV(n) }),
        );
      const limit = await rejected(
        iot.send(new CreatePolicyVersionCommand({ policyName: 'p', policyDocument: policyV(6) })),
      );
      expect(limit).toBeInstanceOf(VersionsLimitExceededException);
      expect(limit.$metadata.httpStatusCode).toBe(409);
      expect(
        await rejected(
          iot.send(new CreatePolicyVersionCommand({ policyName: 'p', policyDocument: '{}' })),
        ),
      ).toBeInstanceOf(MalformedPolicyException);

      const versions = await iot.send(new ListPolicyVersionsCommand({ policyName: 'p' }));
      expect(versions.policyVersions?.map((v) => [v.versionId, v.isDefaultVersion])).toEqual([
        ['1', false],
        ['2', true],
        ['3', false],
        ['4', false],
        ['5', false],
      ]);
      expect(
        await iot.send(new GetPolicyVersionCommand({ policyName: 'p', policyVersionId: '3' })),
      ).toMatchObject({ policyDocument: policyV(3), isDefaultVersion: false, policyName: 'p' });
      expect(
        await rejected(
          iot.send(new GetPolicyVersionCommand({ policyName: 'p', policyVersionId: '9' })),
        ),
      ).toBeInstanceOf(ResourceNotFoundException);

      await iot.send(new SetDefaultPolicyVersionCommand({ policyName: 'p', policyVersionId: '3' }));
      expect((await iot.send(new GetPolicyCommand({ policyName: 'p' }))).policyDocument).toBe(
        policyV(3),
      );
      expect(
        await rejected(
          iot.send(new DeletePolicyVersionCommand({ policyName: 'p', policyVersionId: '3' })),
        ),
      ).toBeInstanceOf(DeleteConflictException);
      expect(await rejected(iot.send(new DeletePolicyCommand({ policyName: 'p' })))).toBeInstanceOf(
        DeleteConflictException,
      );
      for (const v of ['1', '2', '4', '5'])
        await iot.send(new DeletePolicyVersionCommand({ policyName: 'p', policyVersionId: v }));
      await iot.send(new DeletePolicyCommand({ policyName: 'p' }));
    });

    it('attaches and detaches policies, lists both ways, and refuses deleting an attached policy', async () => {
      await iot.send(new CreatePolicyCommand({ policyName: 'p1', policyDocument: POLICY }));
      await iot.send(new CreatePolicyCommand({ policyName: 'p2', policyDocument: POLICY }));
      const { certificateArn: arn } = await iot.send(
        new CreateKeysAndCertificateCommand({ setAsActive: true }),
      );
      const identityId = `${REGION}:2b0a6d6f-8f5c-4a21-9d7e-0123456789ab`;
      await iot.send(new AttachPolicyCommand({ policyName: 'p1', target: arn }));
      await iot.send(new AttachPolicyCommand({ policyName: 'p2', target: arn }));
      await iot.send(new AttachPolicyCommand({ policyName: 'p1', target: identityId }));
      const attached = await iot.send(
        new ListAttachedPoliciesCommand({ target: arn, pageSize: 1 }),
      );
      expect(attached.policies).toEqual([
        { policyName: 'p1', policyArn: `arn:aws:iot:${REGION}:${ACCOUNT}:policy/p1` },
      ]);
      expect(
        (
          await iot.send(
            new ListAttachedPoliciesCommand({ target: arn, marker: attached.nextMarker }),
          )
        ).policies?.map((p) => p.policyName),
      ).toEqual(['p2']);
      expect(
        (await iot.send(new ListTargetsForPolicyCommand({ policyName: 'p1' }))).targets,
      ).toEqual([arn, identityId].sort());

      expect(
        await rejected(iot.send(new DeletePolicyCommand({ policyName: 'p1' }))),
      ).toBeInstanceOf(DeleteConflictException);
      await iot.send(new DetachPolicyCommand({ policyName: 'p1', target: arn }));
      await iot.send(new DetachPolicyCommand({ policyName: 'p1', target: identityId }));
      await iot.send(new DeletePolicyCommand({ policyName: 'p1' }));

      expect(
        await rejected(iot.send(new AttachPolicyCommand({ policyName: 'missing', target: arn }))),
      ).toBeInstanceOf(ResourceNotFoundException);
      expect(
        await rejected(
          iot.send(
            new AttachPolicyCommand({
              policyName: 'p2',
              target: `arn:aws:iot:${REGION}:${ACCOUNT}:cert/${'0'.repeat(64)}`,
            }),
          ),
        ),
      ).toBeInstanceOf(ResourceNotFoundException);
      for (let i = 0; i < 10; i++)
        await iot.send(new CreatePolicyCommand({ policyName: `q${i}`, policyDocument: POLICY }));
      for (let i = 0; i < 9; i++)
        await iot.send(new AttachPolicyCommand({ policyName: `q${i}`, target: arn }));
      const tooMany = await rejected(
        iot.send(new AttachPolicyCommand({ policyName: 'q9', target: arn })),
      );
      expect(tooMany).toBeInstanceOf(LimitExceededException);
      expect(tooMany.$metadata.httpStatusCode).toBe(410);
    });
  });

  describe('thing principals and endpoints', () => {
    it('attaches principals with the x-amzn-principal header and lists both ways', async () => {
      await iot.send(new CreateThingCommand({ thingName: 'robot-001' }));
      await iot.send(new CreateThingCommand({ thingName: 'robot-002' }));
      const { certificateArn: arn } = await iot.send(
        new CreateKeysAndCertificateCommand({ setAsActive: true }),
      );
      await iot.send(new AttachThingPrincipalCommand({ thingName: 'robot-001', principal: arn }));
      await iot.send(new AttachThingPrincipalCommand({ thingName: 'robot-002', principal: arn }));
      expect(
        (await iot.send(new ListThingPrincipalsCommand({ thingName: 'robot-001' }))).principals,
      ).toEqual([arn]);
      const things = await iot.send(
        new ListPrincipalThingsCommand({ principal: arn, maxResults: 1 }),
      );
      expect(things.things).toEqual(['robot-001']);
      expect(
        (
          await iot.send(
            new ListPrincipalThingsCommand({ principal: arn, nextToken: things.nextToken }),
          )
        ).things,
      ).toEqual(['robot-002']);
      await iot.send(new DetachThingPrincipalCommand({ thingName: 'robot-001', principal: arn }));
      expect(
        (await iot.send(new ListThingPrincipalsCommand({ thingName: 'robot-001' }))).principals,
      ).toEqual([]);
      expect(
        await rejected(iot.send(new ListThingPrincipalsCommand({ thingName: 'missing' }))),
      ).toBeInstanceOf(ResourceNotFoundException);
      expect(
        await rejected(
          iot.send(new AttachThingPrincipalCommand({ thingName: 'missing', principal: arn })),
        ),
      ).toBeInstanceOf(ResourceNotFoundException);
    });

    it('describes every endpoint type as the local host', async () => {
      for (const endpointType of [
        undefined,
        'iot:Data',
        'iot:Data-ATS',
        'iot:CredentialProvider',
        'iot:Jobs',
      ]) {
        expect(
          (await iot.send(new DescribeEndpointCommand({ endpointType }))).endpointAddress,
        ).toBe(ENDPOINT_HOST);
      }
      expect(
        await rejected(iot.send(new DescribeEndpointCommand({ endpointType: 'iot:Nope' }))),
      ).toBeInstanceOf(InvalidRequestException);
    });
  });

  describe('authentication and authorization', () => {
    it('refuses a wrong secret with InvalidSignatureException and an unknown key with UnrecognizedClientException', async () => {
      const wrongSecret = client({ accessKeyId: ADMIN.accessKeyId, secretAccessKey: 'wrong' });
      const bad = await rejected(wrongSecret.send(new ListThingsCommand({})));
      expect(bad.name).toBe('InvalidSignatureException');
      expect(bad.$metadata.httpStatusCode).toBe(403);
      wrongSecret.destroy();
      const unknown = client({ accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' });
      const unrecognized = await rejected(unknown.send(new ListThingsCommand({})));
      expect(unrecognized.name).toBe('UnrecognizedClientException');
      expect(unrecognized.message).toBe('The security token included in the request is invalid.');
      unknown.destroy();
    });

    it('lets IAM identities call only what their policies allow (AccessDeniedException otherwise)', async () => {
      await iot.send(new CreateThingCommand({ thingName: 'robot-001' }));
      await iot.send(new CreateThingCommand({ thingName: 'secret-001' }));
      const reader = client(READER);
      expect(
        (await reader.send(new DescribeThingCommand({ thingName: 'robot-001' }))).thingName,
      ).toBe('robot-001');
      expect((await reader.send(new ListThingsCommand({}))).things).toHaveLength(2);
      const denied = await rejected(
        reader.send(new CreateThingCommand({ thingName: 'robot-002' })),
      );
      expect(denied.name).toBe('AccessDeniedException');
      expect(denied.$metadata.httpStatusCode).toBe(403);
      expect(denied.message).toBe(
        `User: ${READER.accessKeyId} is not authorized to perform: iot:CreateThing on resource: arn:aws:iot:${REGION}:${ACCOUNT}:thing/robot-002 because no identity-based policy allows the iot:CreateThing action`,
      );
      const explicit = await rejected(
        reader.send(new DescribeThingCommand({ thingName: 'secret-001' })),
      );
      expect(explicit.message).toContain('explicit deny');
      reader.destroy();
      expect(registry.getThing('robot-002')).toBeUndefined();
    });
  });

  describe('bad input over raw HTTP', () => {
    async function raw(
      method: string,
      path: string,
      options: { body?: string; sign?: boolean; query?: Record<string, string> } = {},
    ): Promise<{ status: number; type: string | undefined; body: { message?: string } }> {
      const headers: Record<string, string> = {
        host: `127.0.0.1:${port}`,
        'content-type': 'application/json',
      };
      const query = options.query ?? {};
      let signedHeaders = headers;
      if (options.sign !== false) {
        const signer = new SignatureV4({
          service: 'iot',
          region: REGION,
          credentials: ADMIN,
          sha256: Hash.bind(null, 'sha256'),
        });
        const signed = await signer.sign({
          method,
          protocol: 'http:',
          hostname: '127.0.0.1',
          port,
          path,
          query,
          headers,
          ...(options.body === undefined ? {} : { body: options.body }),
        });
        signedHeaders = signed.headers;
      }
      const search = new URLSearchParams(query).toString();
      return new Promise((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            method,
            path: `${path}${search ? `?${search}` : ''}`,
            headers: signedHeaders,
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              resolve({
                status: res.statusCode ?? 0,
                type: res.headers['x-amzn-errortype'] as string | undefined,
                body: text ? (JSON.parse(text) as { message?: string }) : {},
              });
            });
          },
        );
        req.on('error', reject);
        req.end(options.body);
      });
    }

    it('answers malformed JSON, wrong types, unknown routes and unsigned requests with AWS errors and keeps serving', async () => {
      const malformed = await raw('POST', '/things/robot-001', { body: '{"attributePayload": ' });
      expect(malformed).toMatchObject({ status: 400, type: 'InvalidRequestException' });
      expect(malformed.body.message).toMatch(/^Unexpected request body: .*expected a JSON object$/);
      expect(await raw('POST', '/things/robot-001', { body: '[1,2]' })).toMatchObject({
        status: 400,
        type: 'InvalidRequestException',
        body: { message: 'Unexpected request body of type array, expected a JSON object' },
      });
      const wrongType = await raw('POST', '/things/robot-001', {
        body: '{"attributePayload": {"attributes": 5}}',
      });
      expect(wrongType).toMatchObject({ status: 400, type: 'InvalidRequestException' });
      expect(wrongType.body.message).toContain(
        'body field attributePayload.attributes: received 5',
      );
      const wrongQuery = await raw('POST', '/keys-and-certificate', {
        query: { setAsActive: 'yes' },
      });
      expect(wrongQuery.body.message).toContain(
        'query parameter setAsActive: received "yes", expected "true" or "false"',
      );
      expect(await raw('GET', '/no-such-thing')).toMatchObject({
        status: 404,
        type: 'UnknownOperationException',
      });
      expect(await raw('PUT', '/things')).toMatchObject({
        status: 404,
        type: 'UnknownOperationException',
      });
      expect(await raw('GET', '/things', { sign: false })).toMatchObject({
        status: 403,
        type: 'MissingAuthenticationTokenException',
        body: { message: 'Missing Authentication Token' },
      });
      expect(await raw('GET', '/things/%E0%A4%A')).toMatchObject({
        status: 400,
        type: 'InvalidRequestException',
      });
      // Still serving.
      expect((await iot.send(new ListThingsCommand({}))).things).toEqual([]);
    });

    it('refuses a body over the size limit', async () => {
      const big = JSON.stringify({ thingTypeName: 'x'.repeat(1_100_000) });
      const answer = await raw('POST', '/things/robot-001', { body: big });
      expect(answer).toMatchObject({ status: 400, type: 'InvalidRequestException' });
      expect((await iot.send(new ListThingsCommand({}))).things).toEqual([]);
    });

    it('answers ServiceUnavailableException after close', async () => {
      await controlPlane.close();
      expect(await raw('GET', '/things')).toMatchObject({
        status: 503,
        type: 'ServiceUnavailableException',
      });
    });
  });

  it('logs one line per request with operation, status and duration, and never secrets or keys', async () => {
    const made = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
    await rejected(iot.send(new DescribeThingCommand({ thingName: 'missing' })));
    const lines = logLines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l['event'] === 'control_plane.request');
    expect(lines).toEqual([
      expect.objectContaining({
        operation: 'CreateKeysAndCertificate',
        status: 200,
        method: 'POST',
        durationMs: expect.any(Number) as unknown,
      }),
      expect.objectContaining({
        operation: 'DescribeThing',
        status: 404,
        errorType: 'ResourceNotFoundException',
      }),
    ]);
    const all = logLines.join('\n');
    expect(all).not.toContain(ADMIN.secretAccessKey);
    expect(all).not.toContain('PRIVATE KEY');
    expect(all).not.toContain(made.keyPair?.PrivateKey?.slice(40, 80));
    expect(all).not.toMatch(/Signature=/);
  });
});
