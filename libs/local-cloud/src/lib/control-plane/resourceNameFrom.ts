import type { CloudContext } from '../context/CloudContext.js';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { iotResourceArn } from './iotResourceArn.js';

/**
 * The resource name AddThingToThingGroup / RemoveThingFromThingGroup address, given by name or by
 * ARN (`thingGroupName` or `thingGroupArn`, `thingName` or `thingArn`); an ARN must be this
 * account's and region's.
 *
 * @throws {LocalCloudError} `INVALID_REQUEST` when neither is given, or the ARN is not one of ours.
 */
export function resourceNameFrom(
  ctx: Pick<CloudContext, 'region' | 'accountId'>,
  type: 'thing' | 'thinggroup',
  name: string | undefined,
  arn: string | undefined,
): string {
  const field = type === 'thing' ? 'thing' : 'thingGroup';
  if (name !== undefined) return name;
  if (arn !== undefined) {
    const prefix = iotResourceArn(ctx, type, '');
    const rest = arn.startsWith(prefix) ? arn.slice(prefix.length) : '';
    if (rest !== '' && !rest.includes('/')) return rest;
    throw new LocalCloudError(
      'INVALID_REQUEST',
      `Unexpected ${field}Arn "${arn}", expected ${prefix}<name>`,
    );
  }
  throw new LocalCloudError(
    'INVALID_REQUEST',
    `Unexpected request without ${field}Name or ${field}Arn, expected one of them`,
  );
}
