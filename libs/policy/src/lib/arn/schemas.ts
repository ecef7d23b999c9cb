import { z } from 'zod';

/**
 * Resource types of AWS IoT ARNs (`arn:<partition>:iot:<region>:<account>:<type>/<name>`), from
 * the AWS IoT Developer Guide "Action resources" and the Service Authorization Reference for
 * AWS IoT. MQTT actions use `client`, `topic` and `topicfilter`; the trusted-user claim uses
 * `provisioningtemplate`.
 */
export const IOT_RESOURCE_TYPES = [
  'client',
  'topic',
  'topicfilter',
  'thing',
  'thinggroup',
  'thingtype',
  'billinggroup',
  'cert',
  'cacert',
  'policy',
  'provisioningtemplate',
  'rolealias',
  'job',
  'jobtemplate',
  'authorizer',
  'rule',
  'destination',
  'domainconfiguration',
  'tunnel',
  'stream',
  'otaupdate',
  'index',
  'fleetmetric',
  'securityprofile',
  'dimension',
  'custommetric',
] as const;

/** One of {@link IOT_RESOURCE_TYPES}. */
export type IotResourceType = (typeof IOT_RESOURCE_TYPES)[number];

/** AWS partitions. Defaults to `aws` wherever one is optional. */
export const PartitionSchema = z.enum(['aws', 'aws-cn', 'aws-us-gov'], {
  error: 'expected a partition "aws", "aws-cn" or "aws-us-gov"',
});

/** An AWS region code such as `ap-northeast-1`. */
export const RegionSchema = z.string().regex(/^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/, {
  error: 'expected an AWS region such as "ap-northeast-1"',
});

/** A 12-digit AWS account id. */
export const AccountIdSchema = z.string().regex(/^\d{12}$/, {
  error: 'expected a 12-digit AWS account id',
});

/** The parts of an AWS IoT ARN, as `iotArn` takes them and `parseIotArn` returns them. */
export const IotArnPartsSchema = z.object({
  partition: PartitionSchema.default('aws'),
  region: RegionSchema,
  accountId: AccountIdSchema,
  resourceType: z.enum(IOT_RESOURCE_TYPES, {
    error: `expected an AWS IoT resource type (${IOT_RESOURCE_TYPES.join(', ')})`,
  }),
  resource: z.string().min(1, { error: 'expected a non-empty resource name' }),
});

/** Input of `iotArn` (`partition` optional). */
export type IotArnInput = z.input<typeof IotArnPartsSchema>;

/** Output of `parseIotArn`. */
export type IotArnParts = z.output<typeof IotArnPartsSchema>;
