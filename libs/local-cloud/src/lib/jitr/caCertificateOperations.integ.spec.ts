import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteCACertificateCommand,
  DescribeCACertificateCommand,
  DeleteRegistrationCodeCommand,
  DescribeCertificateCommand,
  GetRegistrationCodeCommand,
  IoTClient,
  ListCACertificatesCommand,
  RegisterCACertificateCommand,
  RegisterCertificateCommand,
  UpdateCACertificateCommand,
  type CACertificateStatus,
  type RegisterCACertificateCommandInput,
} from '@aws-sdk/client-iot';
import {
  createCertificateAuthority,
  createCsr,
  generateKeyPair,
  loadCertificateAuthority,
  type CertificateAuthority,
} from '@iot-gateway-net/pki';
import { startLocalCloud, type LocalCloud } from '../startLocalCloud.js';

// SigV4 requests are checked against the cloud's clock, so it runs near the real time (whole seconds,
// as creation dates are answered in epoch seconds).
const NOW = new Date(Math.floor((Date.now() - 120_000) / 1_000) * 1_000);
const ROLE_ARN = 'arn:aws:iam::000000000000:role/JITPRole';
const TEMPLATE = JSON.stringify({
  Parameters: {
    'AWS::IoT::Certificate::CommonName': { Type: 'String' },
    'AWS::IoT::Certificate::Id': { Type: 'String' },
  },
  Resources: {
    thing: {
      Type: 'AWS::IoT::Thing',
      Properties: { ThingName: { Ref: 'AWS::IoT::Certificate::CommonName' } },
    },
    certificate: {
      Type: 'AWS::IoT::Certificate',
      Properties: { CertificateId: { Ref: 'AWS::IoT::Certificate::Id' }, Status: 'ACTIVE' },
    },
  },
});

async function newCa(commonName: string): Promise<CertificateAuthority> {
  const issued = await createCertificateAuthority({ commonName, now: NOW });
  return loadCertificateAuthority({
    certificatePem: issued.certificatePem,
    privateKeyPem: issued.privateKeyPem,
  });
}

async function issuePem(ca: CertificateAuthority, commonName: string): Promise<string> {
  const csr = await createCsr({ keys: await generateKeyPair(), commonName });
  return (await ca.issueFromCsr(csr, { now: NOW, lifetimeDays: 30 })).certificatePem;
}

/** The AWS exception name a rejected SDK call carries. */
async function awsError(call: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await call;
  } catch (error) {
    const { name, message } = error as Error;
    return { name, message };
  }
  throw new Error('expected the call to fail');
}

describe('CA certificate operations (startLocalCloud, @aws-sdk/client-iot)', () => {
  let dataDir: string;
  let cloud: LocalCloud;
  let iot: IoTClient;
  let nowMs = 0;

  const register = async (
    ca: CertificateAuthority,
    input: Partial<RegisterCACertificateCommandInput> = {},
  ): Promise<string> => {
    const answer = await iot.send(
      new RegisterCACertificateCommand({
        caCertificate: ca.certificatePem,
        verificationCertificate: await issuePem(ca, await registrationCode()),
        setAsActive: true,
        ...input,
      }),
    );
    return answer.certificateId ?? '';
  };

  const registrationCode = async (): Promise<string> =>
    (await iot.send(new GetRegistrationCodeCommand({}))).registrationCode ?? '';

  const describeCa = (certificateId: string) =>
    iot.send(new DescribeCACertificateCommand({ certificateId }));

  beforeEach(async () => {
    nowMs = NOW.getTime();
    dataDir = await mkdtemp(join(tmpdir(), 'local-cloud-cacert-'));
    cloud = await startLocalCloud(
      { dataDir },
      { clock: { now: () => nowMs }, writeLog: () => undefined },
    );
    iot = new IoTClient({
      endpoint: cloud.endpoints.controlPlaneUrl,
      region: cloud.endpoints.region,
      credentials: { ...cloud.endpoints.controlPlaneCredentials },
    });
  });

  afterEach(async () => {
    iot.destroy();
    await cloud.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('registers a CA with allowAutoRegistration and a registrationConfig, and describes them', async () => {
    const ca = await newCa('JITP CA');
    const id = await register(ca, {
      allowAutoRegistration: true,
      registrationConfig: { templateBody: TEMPLATE, roleArn: ROLE_ARN },
    });

    const described = await describeCa(id);
    expect(described.certificateDescription).toMatchObject({
      certificateId: ca.certificateId,
      status: 'ACTIVE',
      autoRegistrationStatus: 'ENABLE',
      customerVersion: 1,
    });
    expect(described.registrationConfig).toEqual({ templateBody: TEMPLATE, roleArn: ROLE_ARN });
  });

  it('refuses registration configs that cannot provision, and stores nothing', async () => {
    const ca = await newCa('JITP CA');
    const unsupported = JSON.stringify({ ...JSON.parse(TEMPLATE), Conditions: {} });

    expect(
      await awsError(register(ca, { registrationConfig: { templateBody: unsupported } })),
    ).toEqual({ name: 'InvalidRequestException', message: expect.stringContaining('Conditions') });
    expect(
      await awsError(
        register(ca, { registrationConfig: { templateBody: TEMPLATE, templateName: 'amr-jitp' } }),
      ),
    ).toEqual({
      name: 'InvalidRequestException',
      message: expect.stringContaining('both templateBody and templateName'),
    });
    expect(
      await awsError(register(ca, { registrationConfig: { templateName: 'not a name!' } })),
    ).toMatchObject({ name: 'InvalidRequestException' });
    expect(
      await awsError(register(ca, { registrationConfig: { roleArn: 'arn:short' } })),
    ).toMatchObject({ name: 'InvalidRequestException' });

    const listed = await iot.send(new ListCACertificatesCommand({}));
    expect(listed.certificates).toEqual([]);
  });

  it('updates status, auto-registration and the registration config', async () => {
    const ca = await newCa('JITP CA');
    const id = await register(ca);

    await iot.send(
      new UpdateCACertificateCommand({
        certificateId: id,
        newStatus: 'INACTIVE',
        newAutoRegistrationStatus: 'ENABLE',
        registrationConfig: { templateName: 'amr-jitp', roleArn: ROLE_ARN },
      }),
    );
    let described = await describeCa(id);
    expect(described.certificateDescription).toMatchObject({
      status: 'INACTIVE',
      autoRegistrationStatus: 'ENABLE',
      customerVersion: 2,
    });
    expect(described.registrationConfig).toEqual({ templateName: 'amr-jitp', roleArn: ROLE_ARN });

    // Only what the request names changes.
    await iot.send(new UpdateCACertificateCommand({ certificateId: id, newStatus: 'ACTIVE' }));
    described = await describeCa(id);
    expect(described.certificateDescription?.autoRegistrationStatus).toBe('ENABLE');
    expect(described.registrationConfig).toEqual({ templateName: 'amr-jitp', roleArn: ROLE_ARN });

    await iot.send(
      new UpdateCACertificateCommand({ certificateId: id, removeAutoRegistration: true }),
    );
    described = await describeCa(id);
    expect(described.registrationConfig).toBeUndefined();
    expect(described.certificateDescription).toMatchObject({
      status: 'ACTIVE',
      autoRegistrationStatus: 'ENABLE',
    });

    expect(
      await awsError(
        iot.send(
          new UpdateCACertificateCommand({
            certificateId: id,
            removeAutoRegistration: true,
            registrationConfig: { templateName: 'amr-jitp' },
          }),
        ),
      ),
    ).toMatchObject({ name: 'InvalidRequestException' });
    expect(
      await awsError(
        iot.send(
          new UpdateCACertificateCommand({
            certificateId: id,
            newStatus: 'REGISTER_INACTIVE' as CACertificateStatus,
          }),
        ),
      ),
    ).toEqual({
      name: 'InvalidRequestException',
      message: expect.stringContaining('ACTIVE or INACTIVE'),
    });
    expect(
      await awsError(
        iot.send(
          new UpdateCACertificateCommand({ certificateId: 'e'.repeat(64), newStatus: 'ACTIVE' }),
        ),
      ),
    ).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('lists CA certificates newest first, ascending on request, by page and by template name', async () => {
    const ids: string[] = [];
    for (const [i, templateName] of ['amr-jitp', undefined, 'amr-jitp'].entries()) {
      nowMs = NOW.getTime() + i * 1_000;
      ids.push(
        await register(
          await newCa(`CA ${i}`),
          templateName === undefined ? {} : { registrationConfig: { templateName } },
        ),
      );
    }

    const newestFirst = await iot.send(new ListCACertificatesCommand({}));
    expect(newestFirst.certificates?.map((c) => c.certificateId)).toEqual([...ids].reverse());
    expect(newestFirst.certificates?.[0]).toEqual({
      certificateArn: `arn:aws:iot:${cloud.endpoints.region}:${cloud.endpoints.accountId}:cacert/${ids[2]}`,
      certificateId: ids[2],
      status: 'ACTIVE',
      creationDate: new Date(NOW.getTime() + 2_000),
    });
    expect(newestFirst.nextMarker).toBeUndefined();

    const first = await iot.send(
      new ListCACertificatesCommand({ ascendingOrder: true, pageSize: 2 }),
    );
    const second = await iot.send(
      new ListCACertificatesCommand({
        ascendingOrder: true,
        pageSize: 2,
        marker: first.nextMarker,
      }),
    );
    expect(
      [...(first.certificates ?? []), ...(second.certificates ?? [])].map((c) => c.certificateId),
    ).toEqual(ids);
    expect(second.nextMarker).toBeUndefined();

    const byTemplate = await iot.send(
      new ListCACertificatesCommand({ templateName: 'amr-jitp', ascendingOrder: true }),
    );
    expect(byTemplate.certificates?.map((c) => c.certificateId)).toEqual([ids[0], ids[2]]);
  });

  it('deletes only an INACTIVE CA; certificates registered under it stay', async () => {
    const ca = await newCa('Integrator CA');
    const id = await register(ca);
    const device = await iot.send(
      new RegisterCertificateCommand({
        certificatePem: await issuePem(ca, 'AMR-300'),
        caCertificatePem: ca.certificatePem,
        setAsActive: true,
      }),
    );

    expect(
      await awsError(iot.send(new DeleteCACertificateCommand({ certificateId: id }))),
    ).toMatchObject({
      name: 'CertificateStateException',
      message: expect.stringContaining('ACTIVE'),
    });

    await iot.send(new UpdateCACertificateCommand({ certificateId: id, newStatus: 'INACTIVE' }));
    await iot.send(new DeleteCACertificateCommand({ certificateId: id }));

    expect(await awsError(describeCa(id))).toMatchObject({ name: 'ResourceNotFoundException' });
    const described = await iot.send(
      new DescribeCertificateCommand({ certificateId: device.certificateId }),
    );
    expect(described.certificateDescription).toMatchObject({
      status: 'ACTIVE',
      caCertificateId: id,
    });
    expect(
      await awsError(iot.send(new DeleteCACertificateCommand({ certificateId: id }))),
    ).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('answers one registration code per account until DeleteRegistrationCode, and keeps it across restarts', async () => {
    const code = await registrationCode();
    expect(code).toMatch(/^[0-9a-f]{64}$/);
    expect(await registrationCode()).toBe(code);

    await cloud.close();
    cloud = await startLocalCloud(
      { dataDir },
      { clock: { now: () => nowMs }, writeLog: () => undefined },
    );
    iot.destroy();
    iot = new IoTClient({
      endpoint: cloud.endpoints.controlPlaneUrl,
      region: cloud.endpoints.region,
      credentials: { ...cloud.endpoints.controlPlaneCredentials },
    });
    expect(await registrationCode()).toBe(code);

    await iot.send(new DeleteRegistrationCodeCommand({}));
    const next = await registrationCode();
    expect(next).toMatch(/^[0-9a-f]{64}$/);
    expect(next).not.toBe(code);
  });

  it('refuses a DEFAULT-mode verification certificate whose CN is not the registration code, and registers nothing', async () => {
    const ca = await newCa('Integrator CA');
    const code = await registrationCode();

    expect(
      await awsError(register(ca, { verificationCertificate: await issuePem(ca, 'verification') })),
    ).toEqual({
      name: 'RegistrationCodeValidationException',
      message: expect.stringContaining(code),
    });
    // An older code no longer counts once DeleteRegistrationCode replaced it.
    await iot.send(new DeleteRegistrationCodeCommand({}));
    expect(
      await awsError(register(ca, { verificationCertificate: await issuePem(ca, code) })),
    ).toMatchObject({ name: 'RegistrationCodeValidationException' });
    // The right CN, but issued by another CA: possession of this CA's key is not proven.
    const other = await newCa('Other CA');
    expect(
      await awsError(
        register(ca, { verificationCertificate: await issuePem(other, await registrationCode()) }),
      ),
    ).toMatchObject({ name: 'CertificateValidationException' });
    expect(
      await awsError(
        iot.send(new RegisterCACertificateCommand({ caCertificate: ca.certificatePem })),
      ),
    ).toMatchObject({
      name: 'InvalidRequestException',
      message: expect.stringContaining('verificationCertificate'),
    });

    expect((await iot.send(new ListCACertificatesCommand({}))).certificates).toEqual([]);
    expect(await awsError(describeCa(ca.certificateId))).toMatchObject({
      name: 'ResourceNotFoundException',
    });

    await register(ca);
    expect((await describeCa(ca.certificateId)).certificateDescription?.certificateMode).toBe(
      'DEFAULT',
    );
  });

  it('registers an SNI_ONLY CA without a verification certificate and refuses one given', async () => {
    const ca = await newCa('Multi-account CA');
    expect(
      await awsError(
        register(ca, {
          certificateMode: 'SNI_ONLY',
          verificationCertificate: await issuePem(ca, await registrationCode()),
        }),
      ),
    ).toMatchObject({ name: 'InvalidRequestException' });

    const answer = await iot.send(
      new RegisterCACertificateCommand({
        caCertificate: ca.certificatePem,
        certificateMode: 'SNI_ONLY',
        setAsActive: true,
      }),
    );
    expect(answer.certificateId).toBe(ca.certificateId);
    expect((await describeCa(ca.certificateId)).certificateDescription).toMatchObject({
      certificateMode: 'SNI_ONLY',
      status: 'ACTIVE',
    });
  });
});
