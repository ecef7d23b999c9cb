import { z } from 'zod';

/** Production certificates are replaced after this age whatever `notAfter` says (design 3.3). */
export const DEFAULT_MAX_AGE_DAYS = 365;

/** Milliseconds per day. */
export const DAY = 86_400_000;

/** One certificate as amrctl shows it (also the `--json` shape). */
export const CertificateDetailsSchema = z.object({
  certificateId: z.string(),
  certificateArn: z.string(),
  status: z.string(),
  /** CN of the subject (claim certificates amrctl makes: `device-claim:<serial>`). */
  commonName: z.string().optional(),
  createdAt: z.string().optional(),
  notBefore: z.string(),
  notAfter: z.string(),
  /** Whole days since `notBefore`. */
  ageDays: z.number(),
  /** Days until `notAfter` (negative once expired). */
  expiresInDays: z.number(),
  /** Policies attached to the certificate. */
  policies: z.array(z.string()),
});

/** See {@link CertificateDetailsSchema}. */
export type CertificateDetails = z.infer<typeof CertificateDetailsSchema>;

/** One thing with its certificates (the `--json` shape of `things list` and `thing show`). */
export const ThingDetailsSchema = z.object({
  thingName: z.string(),
  thingArn: z.string().optional(),
  thingTypeName: z.string().optional(),
  attributes: z.record(z.string(), z.string()),
  version: z.number().optional(),
  certificates: z.array(CertificateDetailsSchema),
});

/** See {@link ThingDetailsSchema}. */
export type ThingDetails = z.infer<typeof ThingDetailsSchema>;
