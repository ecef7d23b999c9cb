import { parseTemplate, ProvisioningTemplateError } from '@iot-gateway-net/provisioning-templates';
import { awsException } from '../awsException.js';

/**
 * Checks a provisioning template body the way CreateProvisioningTemplate and
 * CreateProvisioningTemplateVersion accept it: parsed with `@iot-gateway-net/provisioning-templates`,
 * so a body that is malformed, longer than 10,240 characters or uses anything unsupported is refused
 * before anything is stored.
 *
 * @throws {LocalCloudError} InvalidRequestException naming the construct and its JSON path.
 */
export function validateProvisioningTemplateBody(templateBody: string): void {
  try {
    parseTemplate(templateBody);
  } catch (error) {
    if (error instanceof ProvisioningTemplateError) {
      throw awsException('InvalidRequestException', error.message, {}, { cause: error });
    }
    throw error;
  }
}
