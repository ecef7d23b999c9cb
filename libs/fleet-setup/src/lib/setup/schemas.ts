import type { IoTClient } from '@aws-sdk/client-iot';
import { AccountIdSchema, PartitionSchema, RegionSchema } from '@iot-gateway-net/policy';
import { TemplateNameSchema } from '@iot-gateway-net/topics';
import { z } from 'zod';
import { FLEET_SETUP_DEFAULTS } from './constants.js';

/** An `@aws-sdk/client-iot` client (checked by shape, so another copy of the SDK works too). */
export const IotClientSchema = z.custom<IoTClient>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { send?: unknown }).send === 'function',
  { error: 'Expected an IoTClient of @aws-sdk/client-iot' },
);

/** A policy name as AWS IoT accepts it: `[\w+=,.@-]{1,128}` (CreatePolicy). */
export const PolicyNameSchema = z
  .string()
  .regex(/^[\w+=,.@-]{1,128}$/, { error: 'Expected a policy name [\\w+=,.@-]{1,128}' });

/** Options of `ensureFleetSetup`. */
export const EnsureFleetSetupOptionsSchema = z.strictObject({
  iot: IotClientSchema,
  /** Region and account of the ARNs in the policies, e.g. `ap-northeast-1`, `123456789012`. */
  region: RegionSchema,
  accountId: AccountIdSchema,
  partition: PartitionSchema.optional(),
  templateName: TemplateNameSchema.default(FLEET_SETUP_DEFAULTS.templateName),
  productionPolicyName: PolicyNameSchema.default(FLEET_SETUP_DEFAULTS.productionPolicyName),
  claimPolicyName: PolicyNameSchema.default(FLEET_SETUP_DEFAULTS.claimPolicyName),
  /** Validated again by `buildFleetProvisioningTemplate`: `[a-zA-Z0-9:_-]{0,127}`. */
  thingNamePrefix: z.string().default(FLEET_SETUP_DEFAULTS.thingNamePrefix),
  serialParameter: z.string().default(FLEET_SETUP_DEFAULTS.serialParameter),
  /** The IAM role AWS IoT assumes to provision (CreateProvisioningTemplate: 20–2048 characters). */
  provisioningRoleArn: z
    .string()
    .min(20, { error: 'Expected an IAM role ARN of 20 to 2048 characters' })
    .max(2048, { error: 'Expected an IAM role ARN of 20 to 2048 characters' }),
  /** The Lambda (or, locally, registered function) run before provisioning. None by default. */
  preProvisioningHookArn: z
    .string()
    .min(1, { error: 'Expected a hook target ARN of 1 to 2048 characters' })
    .max(2048, { error: 'Expected a hook target ARN of 1 to 2048 characters' })
    .optional(),
  /**
   * Without `preProvisioningHookArn`: keep the hook an existing template has instead of removing
   * it. Defaults to `false` (the options are the wanted state: no ARN, no hook).
   */
  keepExistingPreProvisioningHook: z.boolean().default(false),
  description: z
    .string()
    .max(500, { error: 'Expected a description of at most 500 characters' })
    .default(FLEET_SETUP_DEFAULTS.templateDescription),
  /** Whether devices may provision with the template. Defaults to `true`. */
  enabled: z.boolean().default(true),
  /**
   * Called once per resource as soon as it is decided (created, updated or unchanged), in report
   * order, e.g. to draw progress. None by default.
   */
  onResource: z
    .custom<(change: FleetResourceChange) => void>((value) => typeof value === 'function', {
      error: 'Expected onResource to be a function',
    })
    .optional(),
});

/** Options of `ensureFleetSetup`; fields with defaults are optional. */
export type EnsureFleetSetupOptions = z.input<typeof EnsureFleetSetupOptionsSchema>;

/** What `ensureFleetSetup` manages. */
export const FleetResourceKindSchema = z.enum(['policy', 'provisioningTemplate']);
/** See {@link FleetResourceKindSchema}. */
export type FleetResourceKind = z.infer<typeof FleetResourceKindSchema>;

/** What `ensureFleetSetup` did to one resource. */
export const FleetResourceActionSchema = z.enum(['created', 'updated', 'unchanged']);
/** See {@link FleetResourceActionSchema}. */
export type FleetResourceAction = z.infer<typeof FleetResourceActionSchema>;

/** One line of the report: a resource, what was done and, for updates, what changed. */
export const FleetResourceChangeSchema = z.object({
  kind: FleetResourceKindSchema,
  name: z.string(),
  arn: z.string().optional(),
  action: FleetResourceActionSchema,
  detail: z.string().optional(),
});
/** See {@link FleetResourceChangeSchema}. */
export type FleetResourceChange = z.infer<typeof FleetResourceChangeSchema>;

/** The report of `ensureFleetSetup`: production policy, claim policy, template, in that order. */
export const FleetSetupReportSchema = z.object({
  resources: z.array(FleetResourceChangeSchema),
});
/** See {@link FleetSetupReportSchema}. */
export type FleetSetupReport = z.infer<typeof FleetSetupReportSchema>;
