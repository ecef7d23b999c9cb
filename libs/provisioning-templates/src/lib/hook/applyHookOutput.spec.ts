import { applyHookOutput } from './applyHookOutput.js';
import { PreProvisioningHookInputSchema, PreProvisioningHookOutputSchema } from './schemas.js';

describe('pre-provisioning hook contract', () => {
  it('accepts the input AWS sends (Pre-provisioning hooks, hook input)', () => {
    const input = {
      claimCertificateId: 'c'.repeat(64),
      certificateId: 'd'.repeat(64),
      certificatePem: '-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n',
      templateArn: 'arn:aws:iot:us-east-1:1234567890:provisioningtemplate/MyTemplate',
      clientId: '221a6d10-9c7f-42f1-9153-e52e6fc869c1',
      parameters: { SerialNumber: '001' },
    };
    expect(PreProvisioningHookInputSchema.parse(input)).toEqual(input);
    expect(
      PreProvisioningHookInputSchema.safeParse({ ...input, parameters: { a: 1 } }).success,
    ).toBe(false);
  });

  it('accepts the output of the AWS example Lambda', () => {
    expect(
      PreProvisioningHookOutputSchema.parse({
        allowProvisioning: true,
        parameterOverrides: { DeviceLocation: 'Seattle' },
      }),
    ).toEqual({ allowProvisioning: true, parameterOverrides: { DeviceLocation: 'Seattle' } });
  });
});

describe('applyHookOutput', () => {
  const parameters = { SerialNumber: '001', DeviceLocation: 'Tokyo' };

  it('merges parameterOverrides over the parameters, overrides winning', () => {
    const decision = applyHookOutput(parameters, {
      allowProvisioning: true,
      parameterOverrides: { DeviceLocation: 'Seattle', CertDate: '11/22/26' },
    });
    expect(decision).toEqual({
      allow: true,
      parameters: { SerialNumber: '001', DeviceLocation: 'Seattle', CertDate: '11/22/26' },
    });
    expect(parameters).toEqual({ SerialNumber: '001', DeviceLocation: 'Tokyo' });
  });

  it('keeps the parameters as they are without overrides', () => {
    expect(applyHookOutput(parameters, { allowProvisioning: true })).toEqual({
      allow: true,
      parameters,
    });
  });

  it('denies when allowProvisioning is false', () => {
    const decision = applyHookOutput(parameters, {
      allowProvisioning: false,
      parameterOverrides: { a: 'b' },
    });
    expect(decision).toEqual({
      allow: false,
      reason: expect.stringContaining('allowProvisioning is boolean false') as unknown,
    });
  });

  it.each([
    ['the string "true"', { allowProvisioning: 'true' }],
    ['a missing allowProvisioning', { parameterOverrides: {} }],
    ['overrides that are not strings', { allowProvisioning: true, parameterOverrides: { a: 1 } }],
    ['null', null],
    ['a string', 'allow'],
  ])('denies an invalid answer: %s', (_name, output) => {
    const decision = applyHookOutput(parameters, output);
    expect(decision.allow).toBe(false);
    expect(decision).toMatchObject({
      reason: expect.stringContaining('invalid output') as unknown,
    });
  });

  it('never lets a "__proto__" override change the prototype of the parameters', () => {
    const overrides = JSON.parse('{"__proto__": "x"}') as Record<string, string>;
    const decision = applyHookOutput(
      {},
      { allowProvisioning: true, parameterOverrides: overrides },
    );
    expect(decision.allow).toBe(true);
    if (decision.allow) {
      expect(Object.getPrototypeOf(decision.parameters)).toBe(Object.prototype);
    }
  });
});
