import { iotArn } from '../arn/iotArn.js';
import { POLICY_VERSION, type PolicyDocument } from '../document/schemas.js';
import { parseBuilderOptions } from './parseBuilderOptions.js';
import {
  TrustedUserRolePolicyOptionsSchema,
  type TrustedUserRolePolicyOptions,
} from './schemas.js';

/**
 * The IAM policy of a trusted user's role: it may call `iot:CreateProvisioningClaim` on
 * `provisioningtemplate/<template>` and nothing else (AWS IoT API Reference,
 * CreateProvisioningClaim; Service Authorization Reference for AWS IoT, resource type
 * `provisioningtemplate`). Replaces the `AWSIoTFullAccess` of the trusted-user example.
 *
 * @throws {PolicyError} `INVALID_ARGUMENT` for a bad region, account id or template name.
 */
export function buildTrustedUserRolePolicy(options: TrustedUserRolePolicyOptions): PolicyDocument {
  const { region, accountId, partition, templateName } = parseBuilderOptions(
    TrustedUserRolePolicyOptionsSchema,
    options,
    'buildTrustedUserRolePolicy',
  );
  return {
    Version: POLICY_VERSION,
    Statement: [
      {
        Sid: 'CreateProvisioningClaimForTemplate',
        Effect: 'Allow',
        Action: ['iot:CreateProvisioningClaim'],
        Resource: [
          iotArn({
            partition,
            region,
            accountId,
            resourceType: 'provisioningtemplate',
            resource: templateName,
          }),
        ],
      },
    ],
  };
}
