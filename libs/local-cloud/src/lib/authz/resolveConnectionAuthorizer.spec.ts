import { buildBrowserPolicy, buildDevicePolicy } from '@iot-gateway-net/policy';
import type { CredentialRecord } from '../context/CredentialStore.js';
import { createRegistry } from '../registry/createRegistry.js';
import type { Registry } from '../registry/types.js';
import { createPolicyCompiler } from './createPolicyCompiler.js';
import { resolveConnectionAuthorizer } from './resolveConnectionAuthorizer.js';

const target = { region: 'ap-northeast-1', accountId: '123456789012' };
const ARN = 'arn:aws:iot:ap-northeast-1:123456789012:';
const ID = 'c'.repeat(64);
const IDENTITY = 'ap-northeast-1:0b7e6d4c-1f2a-4e3b-9c8d-7a6b5c4d3e2f';
const facts = {
  subject: { CN: 'AMR-001' },
  issuer: { CN: 'local CA' },
  serialNumber: '01',
  notBefore: 0,
  notAfter: 1,
};

let registry: Registry;

beforeEach(() => {
  registry = createRegistry({ path: ':memory:', ...target, clock: { now: () => 1_000 } });
  const certificate = registry.insertCertificate({
    certificateId: ID,
    certificateArn: `${ARN}cert/${ID}`,
    certificatePem: '-----BEGIN CERTIFICATE-----\nMA==\n-----END CERTIFICATE-----\n',
    status: 'ACTIVE',
    creationDate: 0,
    notBefore: 0,
    notAfter: 10_000,
    certificateMode: 'DEFAULT',
    origin: 'api',
  });
  registry.createThing({ thingName: 'AMR-001', attributes: { site: 'tokyo' } });
  registry.attachThingPrincipal('AMR-001', certificate.certificateArn);
  registry.createPolicy('device', JSON.stringify(buildDevicePolicy(target)));
  registry.attachPolicy('device', certificate.certificateArn);
});

afterEach(() => registry.close());

function certificateIdentity() {
  const certificate = registry.getCertificate(ID);
  if (certificate === undefined) throw new Error('missing');
  return { kind: 'certificate' as const, certificate, facts };
}

describe('resolveConnectionAuthorizer', () => {
  it('binds the attached thing named like the client id and the attached policies', () => {
    const compiler = createPolicyCompiler(registry);
    const resolved = resolveConnectionAuthorizer(
      { registry, compiler },
      {
        identity: certificateIdentity(),
        clientId: 'AMR-001',
        sourceIp: '127.0.0.1',
        connectAttributes: [],
      },
    );
    expect(resolved).toMatchObject({
      principal: `${ARN}cert/${ID}`,
      policyNames: ['device'],
      hasPolicies: true,
      thingName: 'AMR-001',
    });
    expect(resolved.context).toMatchObject({
      'iot:Connection.Thing.Attributes[site]': 'tokyo',
      'iot:Certificate.Subject.CommonName': 'AMR-001',
      'aws:SourceIp': '127.0.0.1',
    });
    expect(resolved.authorizer.authorize('iot:Connect', `${ARN}client/AMR-001`).decision).toBe(
      'allow',
    );
    expect(
      resolved.authorizer.authorize('iot:Publish', `${ARN}topic/amr/AMR-002/status`).decision,
    ).toBe('implicitDeny');

    const spoofed = resolveConnectionAuthorizer(
      { registry, compiler },
      { identity: certificateIdentity(), clientId: 'AMR-001-x', connectAttributes: [] },
    );
    expect(spoofed.thingName).toBeUndefined();
    expect(spoofed.authorizer.authorize('iot:Connect', `${ARN}client/AMR-001-x`).decision).toBe(
      'implicitDeny',
    );
  });

  it('reports a principal without policies, and reuses compiled sets until invalidated', () => {
    const compiler = createPolicyCompiler(registry);
    const first = compiler.attached(`${ARN}cert/${ID}`);
    expect(compiler.attached(`${ARN}cert/${ID}`).compiled).toBe(first.compiled);
    compiler.invalidate();
    expect(compiler.attached(`${ARN}cert/${ID}`).compiled).not.toBe(first.compiled);
    registry.detachPolicy('device', `${ARN}cert/${ID}`);
    expect(
      resolveConnectionAuthorizer(
        { registry, compiler },
        { identity: certificateIdentity(), clientId: 'AMR-001', connectAttributes: [] },
      ).hasPolicies,
    ).toBe(false);
  });

  it('requires both IAM and IoT policies for a Cognito identity; admin allows everything', () => {
    const compiler = createPolicyCompiler(registry);
    const policy = buildBrowserPolicy({ ...target, thingNames: ['AMR-001'] });
    const credential: CredentialRecord = {
      accessKeyId: 'ASIA000',
      secretAccessKey: 's',
      identity: { kind: 'iam', iamPolicies: [policy], cognitoIdentityId: IDENTITY },
    };
    const resolve = () =>
      resolveConnectionAuthorizer(
        { registry, compiler },
        {
          identity: { kind: 'credential', credential },
          clientId: `${IDENTITY}-tab`,
          connectAttributes: [],
        },
      );
    const withoutIot = resolve();
    expect(withoutIot).toMatchObject({ principal: IDENTITY, hasPolicies: false });
    expect(
      withoutIot.authorizer.authorize('iot:Connect', `${ARN}client/${IDENTITY}-tab`).decision,
    ).toBe('implicitDeny');
    registry.createPolicy('browser', JSON.stringify(policy));
    registry.attachPolicy('browser', IDENTITY);
    const withIot = resolve();
    expect(
      withIot.authorizer.authorize('iot:Connect', `${ARN}client/${IDENTITY}-tab`).decision,
    ).toBe('allow');
    expect(withIot.context['cognito-identity.amazonaws.com:sub']).toBe(IDENTITY);

    const admin = resolveConnectionAuthorizer(
      { registry, compiler },
      {
        identity: {
          kind: 'credential',
          credential: { ...credential, identity: { kind: 'admin' } },
        },
        clientId: 'anything',
        connectAttributes: [],
      },
    );
    expect(admin.authorizer.authorize('iot:Publish', `${ARN}topic/x`).decision).toBe('allow');
    expect(admin.principal).toBeUndefined();
  });
});
