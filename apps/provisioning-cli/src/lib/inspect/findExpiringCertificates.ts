import type { IoTClient } from '@aws-sdk/client-iot';
import { listCertificateIds } from './listCertificateIds.js';
import { listPrincipalThingNames } from './listPrincipalThingNames.js';
import { loadCertificateDetails } from './loadCertificateDetails.js';
import { DAY, type CertificateDetails } from './schemas.js';

/** An ACTIVE certificate that expires or reaches its maximum age within the window. */
export interface ExpiringCertificate extends CertificateDetails {
  /** Things the certificate is attached to. */
  readonly things: readonly string[];
  /** When it must have been replaced: `min(notAfter, notBefore + maxAge)`. */
  readonly dueAt: string;
  /** Which limit comes first. */
  readonly reason: 'expires' | 'maxAge';
  /** Whole days until `dueAt` (negative: overdue). */
  readonly dueInDays: number;
}

/** Options of {@link findExpiringCertificates}. */
export interface FindExpiringCertificatesOptions {
  readonly iot: IoTClient;
  readonly now: Date;
  /** Window in days from `now`. */
  readonly days: number;
  /** Maximum age of a production certificate in days (design 3.3: 365). */
  readonly maxAgeDays: number;
  /** Called after each certificate is read (progress). */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * The renewal-failure early warning: ACTIVE certificates attached to a thing whose `notAfter` or `notBefore + maxAge`
 * falls before `now + days`, soonest first. A robot that rotates on time never shows up here; one
 * that does show up has missed its renewal (design 7, "証明書更新失敗時"). AWS-signed certificates
 * are valid until 2049, which is why the maximum age matters as much as the expiry.
 */
export async function findExpiringCertificates(
  options: FindExpiringCertificatesOptions,
): Promise<ExpiringCertificate[]> {
  const { iot, now } = options;
  const horizon = now.getTime() + options.days * DAY;
  const ids = await listCertificateIds(iot);
  const found: ExpiringCertificate[] = [];
  let done = 0;
  for (const id of ids) {
    const details = await loadCertificateDetails(iot, id, now);
    options.onProgress?.(++done, ids.length);
    if (details.status !== 'ACTIVE') continue;
    const expiry = Date.parse(details.notAfter);
    const ageLimit = Date.parse(details.notBefore) + options.maxAgeDays * DAY;
    const due = Math.min(expiry, ageLimit);
    if (due > horizon) continue;
    // Claim certificates (20 years, never attached to a thing) are not production certificates.
    const things = await listPrincipalThingNames(iot, details.certificateArn);
    if (things.length === 0) continue;
    found.push({
      ...details,
      things,
      dueAt: new Date(due).toISOString(),
      reason: expiry <= ageLimit ? 'expires' : 'maxAge',
      dueInDays: Math.floor((due - now.getTime()) / DAY),
    });
  }
  return found.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}
