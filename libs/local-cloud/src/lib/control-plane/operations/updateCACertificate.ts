import { z } from 'zod';
import { checkRegistrationConfig } from '../../jitp/checkRegistrationConfig.js';
import { RegistrationConfigSchema } from '../../jitp/schemas.js';
import { awsException } from '../awsException.js';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { CertificateIdSchema } from '../schemas.js';

/**
 * UpdateCACertificate: `PUT /cacertificate/{certificateId}?newStatus=&newAutoRegistrationStatus=`
 * with body `{registrationConfig?, removeAutoRegistration?}`, as `@aws-sdk/client-iot` sends it;
 * answers 200 with an empty body. `newStatus` is ACTIVE or INACTIVE (the API reference calls
 * REGISTER_INACTIVE deprecated): an INACTIVE CA registers no new certificates, while certificates
 * it signed that are registered keep working ("Deactivate a CA certificate").
 * `newAutoRegistrationStatus` ENABLE / DISABLE turns JITR and JITP on and off. A
 * `registrationConfig` replaces the stored one (checked by `checkRegistrationConfig`);
 * `removeAutoRegistration: true` removes it (the AWS IoT device management workshop's JITR step
 * removes a CA's JITP template and role this way), and asking for both at once is refused.
 *
 * @throws {LocalCloudError} ResourceNotFoundException for an unknown CA; InvalidRequestException
 *   for a bad status or configuration.
 */
export const updateCACertificate = defineOperation({
  name: 'UpdateCACertificate',
  method: 'PUT',
  path: '/cacertificate/{certificateId}',
  input: z.object({
    labels: z.object({ certificateId: CertificateIdSchema }),
    query: z.object({
      newStatus: z.enum(['ACTIVE', 'INACTIVE'], { error: 'ACTIVE or INACTIVE' }).optional(),
      newAutoRegistrationStatus: z
        .enum(['ENABLE', 'DISABLE'], { error: 'ENABLE or DISABLE' })
        .optional(),
    }),
    body: z.object({
      registrationConfig: RegistrationConfigSchema.optional(),
      removeAutoRegistration: z.boolean({ error: 'true or false' }).optional(),
    }),
  }),
  resource: (input, ctx) => iotResourceArn(ctx, 'cacert', input.labels.certificateId),
  run: (input, ctx) => {
    const { registrationConfig, removeAutoRegistration } = input.body;
    if (registrationConfig !== undefined && removeAutoRegistration === true) {
      throw awsException(
        'InvalidRequestException',
        'Unexpected registrationConfig with removeAutoRegistration true, expected one of them',
      );
    }
    if (registrationConfig !== undefined) checkRegistrationConfig(registrationConfig);
    const { newStatus, newAutoRegistrationStatus } = input.query;
    ctx.registry.updateCaCertificate(input.labels.certificateId, {
      ...(newStatus === undefined ? {} : { status: newStatus }),
      ...(newAutoRegistrationStatus === undefined
        ? {}
        : { autoRegistrationStatus: newAutoRegistrationStatus }),
      ...(removeAutoRegistration === true
        ? { registrationConfig: null }
        : registrationConfig === undefined
          ? {}
          : { registrationConfig }),
    });
    return undefined;
  },
});
