import { PolicyError } from '../errors/PolicyError.js';
import { formatIssues } from '../errors/formatIssues.js';
import { AccountIdSchema, PartitionSchema, RegionSchema } from './schemas.js';
import { z } from 'zod';

const PrefixSchema = z.object({
  partition: PartitionSchema.default('aws'),
  region: RegionSchema,
  accountId: AccountIdSchema,
});

/**
 * The constant head of every AWS IoT ARN of one account and region,
 * `arn:<partition>:iot:<region>:<account>:`. A broker builds request resources per message as
 * `` `${prefix}topic/${topic}` `` without re-validating. `partition` defaults to `aws`.
 *
 * @throws {PolicyError} `INVALID_ARGUMENT` naming the part that is wrong.
 */
export function iotArnPrefix(parts: z.input<typeof PrefixSchema>): string {
  const result = PrefixSchema.safeParse(parts);
  if (!result.success) {
    throw new PolicyError(
      'INVALID_ARGUMENT',
      `Invalid ARN parts: ${formatIssues(result.error.issues, parts, 'parts')}`,
      { cause: result.error },
    );
  }
  const { partition, region, accountId } = result.data;
  return `arn:${partition}:iot:${region}:${accountId}:`;
}
