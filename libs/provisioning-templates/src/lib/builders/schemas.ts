import { z } from 'zod';

/** A policy name as AWS IoT accepts it: `[\w+=,.@-]{1,128}` (AWS IoT API Reference, CreatePolicy). */
const PolicyNameSchema = z
  .string()
  .regex(/^[\w+=,.@-]{1,128}$/, { error: 'expected a policy name [\\w+=,.@-]{1,128}' });

/** Options of `buildFleetProvisioningTemplate`. */
export const FleetProvisioningTemplateOptionsSchema = z.strictObject({
  /** The production policy attached to every new certificate (design 4.2). */
  productionPolicyName: PolicyNameSchema,
  /** The RegisterThing parameter carrying the robot's serial number. Defaults to `SerialNumber`. */
  serialParameter: z
    .string()
    .regex(/^[A-Za-z0-9]{1,255}$/, { error: 'expected a parameter name [A-Za-z0-9]{1,255}' })
    .default('SerialNumber'),
  /** Prepended to the serial to name the thing. Defaults to `''`. */
  thingNamePrefix: z
    .string()
    .regex(/^[a-zA-Z0-9:_-]{0,127}$/, {
      error: 'expected thing-name characters [a-zA-Z0-9:_-]{0,127}',
    })
    .default(''),
});

/** See {@link FleetProvisioningTemplateOptionsSchema}; fields with defaults are optional. */
export type FleetProvisioningTemplateOptions = z.input<
  typeof FleetProvisioningTemplateOptionsSchema
>;
