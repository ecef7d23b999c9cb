import {
  CreateCertificateFromCsrAcceptedSchema,
  CreateCertificateFromCsrRequestSchema,
  CreateKeysAndCertificateAcceptedSchema,
  CreateKeysAndCertificateRequestSchema,
  ProvisioningRejectedSchema,
  RegisterThingAcceptedSchema,
  RegisterThingRequestSchema,
} from './schemas.js';

// Examples follow the AWS IoT Developer Guide page "Device provisioning MQTT API".

const CERT_ID = 'f'.repeat(64);
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('CreateKeysAndCertificate payloads', () => {
  it('accept an empty payload (undefined) or {} as request', () => {
    expect(CreateKeysAndCertificateRequestSchema.safeParse(undefined).success).toBe(true);
    expect(CreateKeysAndCertificateRequestSchema.safeParse({}).success).toBe(true);
    expect(CreateKeysAndCertificateRequestSchema.safeParse('x').success).toBe(false);
    expect(CreateKeysAndCertificateRequestSchema.safeParse(null).success).toBe(false);
  });

  it('accept the documented answer', () => {
    const accepted = {
      certificateId: CERT_ID,
      certificatePem: PEM,
      privateKey: '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n',
      certificateOwnershipToken: 'token',
    };
    expect(CreateKeysAndCertificateAcceptedSchema.parse(accepted)).toEqual(accepted);
  });

  it.each([
    { certificateId: CERT_ID, certificatePem: PEM, certificateOwnershipToken: 't' },
    { certificateId: 'abc', certificatePem: PEM, privateKey: 'k', certificateOwnershipToken: 't' },
    { certificateId: CERT_ID, certificatePem: 1, privateKey: 'k', certificateOwnershipToken: 't' },
    { certificateId: CERT_ID, certificatePem: PEM, privateKey: 'k', certificateOwnershipToken: '' },
  ])('refuse the malformed answer %j', (payload) => {
    expect(CreateKeysAndCertificateAcceptedSchema.safeParse(payload).success).toBe(false);
  });
});

describe('CreateCertificateFromCsr payloads', () => {
  it('accept the documented request and answer', () => {
    const request = { certificateSigningRequest: '-----BEGIN CERTIFICATE REQUEST-----\n...' };
    expect(CreateCertificateFromCsrRequestSchema.parse(request)).toEqual(request);
    const accepted = {
      certificateOwnershipToken: 'token',
      certificateId: CERT_ID,
      certificatePem: PEM,
    };
    expect(CreateCertificateFromCsrAcceptedSchema.parse(accepted)).toEqual(accepted);
  });

  it('refuse wrong types', () => {
    expect(CreateCertificateFromCsrRequestSchema.safeParse({}).success).toBe(false);
    expect(
      CreateCertificateFromCsrRequestSchema.safeParse({ certificateSigningRequest: 42 }).success,
    ).toBe(false);
    expect(
      CreateCertificateFromCsrAcceptedSchema.safeParse({
        certificateOwnershipToken: 'token',
        certificateId: CERT_ID,
      }).success,
    ).toBe(false);
  });
});

describe('RegisterThing payloads', () => {
  it('accept the documented request (design 2.4 example) and one without parameters', () => {
    const request = { certificateOwnershipToken: '...', parameters: { serial: '001' } };
    expect(RegisterThingRequestSchema.parse(request)).toEqual(request);
    expect(RegisterThingRequestSchema.safeParse({ certificateOwnershipToken: 't' }).success).toBe(
      true,
    );
  });

  it('leave an empty token for the service to reject with AWS’s own error', () => {
    expect(RegisterThingRequestSchema.safeParse({ certificateOwnershipToken: '' }).success).toBe(
      true,
    );
  });

  it.each([
    {},
    { certificateOwnershipToken: 1 },
    { certificateOwnershipToken: 't', parameters: { serial: 1 } },
    { certificateOwnershipToken: 't', parameters: { nested: { a: 'b' } } },
    { certificateOwnershipToken: 't', parameters: ['a'] },
  ])('refuse %j', (payload) => {
    expect(RegisterThingRequestSchema.safeParse(payload).success).toBe(false);
  });

  it('accept the documented answer', () => {
    const accepted = {
      deviceConfiguration: { FallbackUrl: 'https://example.com' },
      thingName: 'AMR-001',
    };
    expect(RegisterThingAcceptedSchema.parse(accepted)).toEqual(accepted);
    expect(RegisterThingAcceptedSchema.safeParse({ deviceConfiguration: {} }).success).toBe(true);
  });

  it.each([
    { thingName: 'AMR-001' },
    { deviceConfiguration: { a: 1 }, thingName: 'AMR-001' },
    { deviceConfiguration: {}, thingName: 'a/b' },
  ])('refuse the malformed answer %j', (payload) => {
    expect(RegisterThingAcceptedSchema.safeParse(payload).success).toBe(false);
  });
});

describe('ProvisioningRejectedSchema', () => {
  it('accepts the documented error', () => {
    const rejected = {
      statusCode: 400,
      errorCode: 'InvalidCertificateOwnershipToken',
      errorMessage: 'Certificate ownership token cannot be empty.',
    };
    expect(ProvisioningRejectedSchema.parse(rejected)).toEqual(rejected);
  });

  it.each([
    { statusCode: '400', errorCode: 'X', errorMessage: 'y' },
    { statusCode: 400, errorMessage: 'y' },
    { statusCode: 400, errorCode: 'X' },
  ])('refuses %j', (payload) => {
    expect(ProvisioningRejectedSchema.safeParse(payload).success).toBe(false);
  });
});
