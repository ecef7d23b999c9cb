import { awsException } from '../control-plane/awsException.js';
import { validateProvisioningTemplateBody } from '../control-plane/operations/validateProvisioningTemplateBody.js';
import type { RegistrationConfig } from './schemas.js';

/**
 * Checks a CA's `registrationConfig` before RegisterCACertificate or UpdateCACertificate stores it:
 * a `templateBody` is parsed like CreateProvisioningTemplate parses one, so a template with
 * unsupported constructs is refused now, not at a device's first connection. An empty
 * `templateBody` (the API allows length 0) means no template. Giving both a `templateBody` and a
 * `templateName` is refused: AWS documents them as two ways of configuring JITP ("Just-in-time
 * provisioning": register a CA with a template, or with a template name), and the local cloud will
 * not guess which one wins.
 *
 * @throws {LocalCloudError} InvalidRequestException naming the problem.
 */
export function checkRegistrationConfig(config: RegistrationConfig): void {
  const body = config.templateBody ?? '';
  if (body !== '' && config.templateName !== undefined) {
    throw awsException(
      'InvalidRequestException',
      `Unexpected registrationConfig with both templateBody and templateName "${config.templateName}", expected one of them`,
    );
  }
  if (body !== '') validateProvisioningTemplateBody(body);
}
