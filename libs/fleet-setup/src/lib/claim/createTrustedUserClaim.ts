import { CreateProvisioningClaimCommand } from '@aws-sdk/client-iot';
import { awsCall } from '../aws/awsCall.js';
import { FleetSetupError } from '../errors/FleetSetupError.js';
import { parseOptions } from '../errors/parseOptions.js';
import {
  CreateTrustedUserClaimOptionsSchema,
  TrustedUserClaimSchema,
  type CreateTrustedUserClaimOptions,
  type TrustedUserClaim,
} from './schemas.js';

/**
 * Provisioning by trusted user (seed 001, AWS "Provisioning by trusted user"): asks AWS IoT for a
 * temporary claim certificate of the template with CreateProvisioningClaim. AWS makes it valid for 5
 * minutes and attaches an implicit policy limited to the template's provisioning topics; the device
 * must connect and finish RegisterThing before `expiresAt`.
 *
 * `templateName` defaults to `amr-fleet`. The caller needs `iot:CreateProvisioningClaim` on the
 * template (`buildTrustedUserRolePolicy` of `@iot-gateway-net/policy`).
 *
 * @throws {FleetSetupError} `INVALID_OPTIONS`; `AWS_ERROR` (e.g. ResourceNotFoundException for an
 *   unknown template); `UNEXPECTED_RESPONSE` when the answer lacks a field (named, never its value).
 */
export async function createTrustedUserClaim(
  options: CreateTrustedUserClaimOptions,
): Promise<TrustedUserClaim> {
  const o = parseOptions(CreateTrustedUserClaimOptionsSchema, options, 'createTrustedUserClaim');
  const answer = await awsCall('CreateProvisioningClaim', () =>
    o.iot.send(new CreateProvisioningClaimCommand({ templateName: o.templateName })),
  );
  const result = TrustedUserClaimSchema.safeParse({
    certificateId: answer.certificateId,
    certificatePem: answer.certificatePem,
    privateKeyPem: answer.keyPair?.PrivateKey,
    expiresAt: answer.expiration,
  });
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') || 'answer';
    throw new FleetSetupError(
      'UNEXPECTED_RESPONSE',
      `CreateProvisioningClaim answered with an invalid ${field}: ${issue?.message ?? 'invalid'}`,
      { cause: result.error },
    );
  }
  return result.data;
}
