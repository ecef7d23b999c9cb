import { z } from 'zod';

/** Default data directory of the local cloud (as `npm run local-cloud` uses). */
export const DEFAULT_LOCAL_DATA_DIR = '.data/local-cloud';

/** Options every command accepts (commander's `optsWithGlobals()`, checked). */
export const GlobalOptionsSchema = z.object({
  /** `--local [dataDir]`: `true` when given without a directory. */
  local: z.union([z.string().min(1), z.literal(true)]).optional(),
  profile: z.string().min(1).optional(),
  region: z.string().min(1).optional(),
  accountId: z
    .string()
    .regex(/^\d{12}$/u, 'expected 12 digits')
    .optional(),
  /** Fleet names (defaults: `FLEET_SETUP_DEFAULTS` of `@iot-gateway-net/fleet-setup`). */
  templateName: z.string().min(1).optional(),
  productionPolicyName: z.string().min(1).optional(),
  claimPolicyName: z.string().min(1).optional(),
  thingNamePrefix: z.string().optional(),
  json: z.boolean().optional(),
  debug: z.boolean().optional(),
});

/** Global options after parsing. */
export type GlobalOptions = z.infer<typeof GlobalOptionsSchema>;
