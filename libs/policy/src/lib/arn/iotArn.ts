import { PolicyError } from '../errors/PolicyError.js';
import { formatIssues } from '../errors/formatIssues.js';
import { IotArnPartsSchema, type IotArnInput } from './schemas.js';

/**
 * Builds an AWS IoT ARN `arn:<partition>:iot:<region>:<account>:<type>/<resource>`, e.g.
 * `iotArn({ region: 'ap-northeast-1', accountId: '123456789012', resourceType: 'topic',
 * resource: 'amr/AMR-001/status' })`. `resource` is used as given, so it may hold policy
 * variables and wildcards when the ARN goes into a policy. `partition` defaults to `aws`.
 *
 * @throws {PolicyError} `INVALID_ARGUMENT` naming the part that is wrong.
 */
export function iotArn(parts: IotArnInput): string {
  const result = IotArnPartsSchema.safeParse(parts);
  if (!result.success) {
    throw new PolicyError(
      'INVALID_ARGUMENT',
      `Invalid ARN parts: ${formatIssues(result.error.issues, parts, 'parts')}`,
      { cause: result.error },
    );
  }
  const { partition, region, accountId, resourceType, resource } = result.data;
  return `arn:${partition}:iot:${region}:${accountId}:${resourceType}/${resource}`;
}
