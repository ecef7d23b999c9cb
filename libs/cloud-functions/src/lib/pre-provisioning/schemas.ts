import { z } from 'zod';

/** Rotation gate settings of `createPreProvisioningHook` (design 3.3). */
export const RotationGateOptionsSchema = z
  .object({
    /**
     * Days before expiry (or before `maxAgeDays`) from which re-provisioning is allowed; fractions
     * are allowed for short-lived test certificates.
     */
    renewalLeadDays: z.number().nonnegative().default(30),
    /** Age after which a certificate is due whatever its notAfter says (the 1-year lifetime). */
    maxAgeDays: z.number().positive().default(365),
  })
  .refine((o) => o.renewalLeadDays < o.maxAgeDays, {
    error: 'Expected renewalLeadDays to be less than maxAgeDays',
    path: ['renewalLeadDays'],
  });

/** Rotation gate settings; each field has a default. */
export type RotationGateOptions = z.input<typeof RotationGateOptionsSchema>;
