import { ProvisioningTemplateError } from '../errors/ProvisioningTemplateError.js';
import { evaluateTemplate } from '../template/evaluateTemplate.js';
import { parseTemplate } from '../template/parseTemplate.js';
import { buildFleetProvisioningTemplate } from './buildFleetProvisioningTemplate.js';

const CERT_ID = 'f'.repeat(64);

describe('buildFleetProvisioningTemplate', () => {
  it('round-trips through parseTemplate and evaluateTemplate (design 2.4 / 4.3)', () => {
    const body = buildFleetProvisioningTemplate({ productionPolicyName: 'amr-device' });
    const plan = evaluateTemplate(parseTemplate(body), {
      parameters: { SerialNumber: 'AMR-001' },
      pseudoParameters: { 'AWS::IoT::Certificate::Id': CERT_ID },
    });
    expect(plan).toEqual({
      thing: {
        thingName: 'AMR-001',
        attributePayload: { serialNumber: 'AMR-001' },
        overrideSettings: {
          attributePayload: 'MERGE',
          thingTypeName: 'DO_NOTHING',
          thingGroups: 'MERGE',
        },
      },
      certificate: { certificateId: CERT_ID, status: 'ACTIVE', overrideSettings: {} },
      policies: [{ policyName: 'amr-device' }],
      deviceConfiguration: { serialNumber: 'AMR-001' },
    });
  });

  it('names the thing from a prefix and a custom serial parameter', () => {
    const body = buildFleetProvisioningTemplate({
      productionPolicyName: 'amr-device',
      serialParameter: 'serial',
      thingNamePrefix: 'amr-',
    });
    const plan = evaluateTemplate(parseTemplate(body), {
      parameters: { serial: '001' },
      pseudoParameters: { 'AWS::IoT::Certificate::Id': CERT_ID },
    });
    expect(plan.thing?.thingName).toBe('amr-001');
  });

  it('makes provisioning fail without the serial, or with a serial that is no thing name', () => {
    const parsed = parseTemplate(
      buildFleetProvisioningTemplate({ productionPolicyName: 'amr-device' }),
    );
    const pseudoParameters = { 'AWS::IoT::Certificate::Id': CERT_ID };
    expect(() => evaluateTemplate(parsed, { parameters: {}, pseudoParameters })).toThrow(
      expect.objectContaining({ code: 'MISSING_PARAMETER' }),
    );
    expect(() =>
      evaluateTemplate(parsed, { parameters: { SerialNumber: 'a/b' }, pseudoParameters }),
    ).toThrow(expect.objectContaining({ code: 'EVALUATION_FAILED' }));
  });

  it('stays far below the 10,240-character limit', () => {
    const body = buildFleetProvisioningTemplate({
      productionPolicyName: 'p'.repeat(128),
      thingNamePrefix: 'x'.repeat(127),
    });
    expect(body.length).toBeLessThan(2_000);
  });

  it.each([
    ['a policy name with a slash', { productionPolicyName: 'a/b' }, 'productionPolicyName'],
    [
      'a prefix with a slash',
      { productionPolicyName: 'p', thingNamePrefix: 'a/' },
      'thingNamePrefix',
    ],
    [
      'a pseudo-parameter as serial parameter',
      { productionPolicyName: 'p', serialParameter: 'AWS::IoT::Certificate::Id' },
      'serialParameter',
    ],
  ])('refuses %s', (_name, options, field) => {
    let caught: unknown;
    try {
      buildFleetProvisioningTemplate(options);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProvisioningTemplateError);
    expect((caught as ProvisioningTemplateError).code).toBe('INVALID_ARGUMENT');
    expect((caught as ProvisioningTemplateError).message).toContain(field);
  });
});
