import { PolicyError } from '../errors/PolicyError.js';
import { describeReceived } from '../errors/describeReceived.js';
import { formatIssues } from '../errors/formatIssues.js';
import { IotArnPartsSchema, type IotArnParts } from './schemas.js';

const IOT_ARN = /^arn:([^:]*):iot:([^:]*):([^:]*):([^/]*)\/([\s\S]+)$/;

/**
 * Reads an AWS IoT ARN back into its parts. The resource keeps any colons and slashes (client
 * ids of Cognito identities hold a colon; topics hold slashes).
 *
 * @throws {PolicyError} `INVALID_ARN` naming the value received and the form expected.
 */
export function parseIotArn(arn: string): IotArnParts {
  const match = typeof arn === 'string' ? IOT_ARN.exec(arn) : null;
  if (match === null) {
    throw new PolicyError(
      'INVALID_ARN',
      `Unexpected ARN ${describeReceived(arn)}, expected arn:<partition>:iot:<region>:<account>:<type>/<resource>`,
    );
  }
  const [, partition, region, accountId, resourceType, resource] = match;
  const candidate = { partition, region, accountId, resourceType, resource };
  const result = IotArnPartsSchema.safeParse(candidate);
  if (!result.success) {
    throw new PolicyError(
      'INVALID_ARN',
      `Unexpected ARN ${describeReceived(arn)}: ${formatIssues(result.error.issues, candidate, 'arn')}`,
      { cause: result.error },
    );
  }
  return result.data;
}
