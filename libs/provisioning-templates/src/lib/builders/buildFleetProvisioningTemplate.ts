import { ProvisioningTemplateError } from '../errors/ProvisioningTemplateError.js';
import {
  FleetProvisioningTemplateOptionsSchema,
  type FleetProvisioningTemplateOptions,
} from './schemas.js';

/**
 * Builds the design's fleet-provisioning-by-claim template (design 2.4 and 4.3) as a template body
 * for CreateProvisioningTemplate: one `String` parameter carrying the serial number; a thing named
 * `thingNamePrefix + serial` with a `serialNumber` attribute; the certificate created over MQTT
 * (`AWS::IoT::Certificate::Id`) made `ACTIVE`; the existing production policy attached by name;
 * `DeviceConfiguration` carrying the serial back. Re-provisioning after an expired or revoked
 * certificate must reuse the robot's thing, so the thing's overrides never `FAIL`: attributes
 * `MERGE`, groups `MERGE`, thing type `DO_NOTHING`.
 *
 * `serialParameter` defaults to `'SerialNumber'`, `thingNamePrefix` to `''`.
 *
 * @returns the template body (JSON text) that `parseTemplate` accepts.
 * @throws {ProvisioningTemplateError} `INVALID_ARGUMENT` naming the option and what was expected
 *   (the zod error is the cause).
 */
export function buildFleetProvisioningTemplate(options: FleetProvisioningTemplateOptions): string {
  const result = FleetProvisioningTemplateOptionsSchema.safeParse(options);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ProvisioningTemplateError(
      'INVALID_ARGUMENT',
      `Invalid fleet provisioning template options: ${issue === undefined ? 'options' : issue.path.map(String).join('.') || 'options'}: ${issue?.message ?? 'invalid'}`,
      { cause: result.error },
    );
  }
  const { productionPolicyName, serialParameter, thingNamePrefix } = result.data;
  const serial = { Ref: serialParameter };
  const template = {
    Parameters: {
      [serialParameter]: { Type: 'String' },
    },
    Resources: {
      thing: {
        Type: 'AWS::IoT::Thing',
        Properties: {
          ThingName:
            thingNamePrefix === '' ? serial : { 'Fn::Join': ['', [thingNamePrefix, serial]] },
          AttributePayload: { serialNumber: serial },
        },
        OverrideSettings: {
          AttributePayload: 'MERGE',
          ThingTypeName: 'DO_NOTHING',
          ThingGroups: 'MERGE',
        },
      },
      certificate: {
        Type: 'AWS::IoT::Certificate',
        Properties: {
          CertificateId: { Ref: 'AWS::IoT::Certificate::Id' },
          Status: 'ACTIVE',
        },
      },
      policy: {
        Type: 'AWS::IoT::Policy',
        Properties: { PolicyName: productionPolicyName },
      },
    },
    DeviceConfiguration: {
      serialNumber: serial,
    },
  };
  return JSON.stringify(template);
}
