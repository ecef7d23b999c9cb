import { UpdateCertificateCommand, type IoTClient } from '@aws-sdk/client-iot';
import { CliError } from '../errors/CliError.js';
import { certificateIdOf } from '../inspect/certificateIdOf.js';
import { listPrincipalThingNames } from '../inspect/listPrincipalThingNames.js';
import { loadCertificateDetails } from '../inspect/loadCertificateDetails.js';
import { loadThingDetails } from '../inspect/loadThingDetails.js';
import type { CertificateDetails } from '../inspect/schemas.js';
import type { Progress } from '../output/createProgress.js';
import { detachAllPolicies } from './detachAllPolicies.js';

/** What the key-leak runbook did. */
export interface KeyLeakReport {
  readonly things: readonly string[];
  readonly certificates: readonly {
    readonly certificateId: string;
    readonly previousStatus: string;
    readonly newStatus: 'INACTIVE' | 'REVOKED';
    readonly detachedPolicies: readonly string[];
  }[];
}

/** Options of {@link runKeyLeak}. */
export interface RunKeyLeakOptions {
  readonly iot: IoTClient;
  /** A thing name, or a certificate id / ARN. */
  readonly subject: string;
  /** REVOKED (final) instead of INACTIVE. */
  readonly revoke: boolean;
  readonly now: Date;
  /** A progress indicator for the certificates deactivated (one tick each). */
  readonly progress?: (total: number) => Progress;
}

/**
 * Design 7 "鍵漏洩（設備）時の対応", steps 1–2: finds the certificates concerned (the one given, or
 * every ACTIVE certificate of the thing), sets them INACTIVE (or REVOKED) — which ends their live
 * connections — and detaches their policies. The robot then recovers on its own through its claim
 * certificate (step 3).
 *
 * @throws {CliError} `NOT_FOUND` for an unknown thing or certificate.
 */
export async function runKeyLeak(options: RunKeyLeakOptions): Promise<KeyLeakReport> {
  const { iot, now } = options;
  let certificates: CertificateDetails[];
  let things: string[];
  if (isCertificate(options.subject)) {
    const details = await loadCertificateDetails(iot, certificateIdOf(options.subject), now);
    certificates = [details];
    things = await listPrincipalThingNames(iot, details.certificateArn);
  } else {
    const thing = await loadThingDetails(iot, options.subject, now);
    certificates = thing.certificates.filter((certificate) => certificate.status === 'ACTIVE');
    things = [thing.thingName];
    if (certificates.length === 0) {
      throw new CliError(
        'NOT_FOUND',
        `Thing "${thing.thingName}" has no ACTIVE certificate; nothing to deactivate (see "amrctl thing show ${thing.thingName}")`,
      );
    }
  }
  const newStatus = options.revoke ? 'REVOKED' : 'INACTIVE';
  const done: KeyLeakReport['certificates'][number][] = [];
  const progress = options.progress?.(certificates.length);
  try {
    for (const certificate of certificates) {
      // Deactivate first: AWS IoT closes the certificate's connections on the status change.
      await iot.send(
        new UpdateCertificateCommand({ certificateId: certificate.certificateId, newStatus }),
      );
      const detachedPolicies = await detachAllPolicies(iot, certificate.certificateArn);
      done.push({
        certificateId: certificate.certificateId,
        previousStatus: certificate.status,
        newStatus,
        detachedPolicies,
      });
      progress?.tick(certificate.certificateId.slice(0, 12));
    }
  } finally {
    progress?.done();
  }
  return { things, certificates: done };
}

function isCertificate(subject: string): boolean {
  return /^[0-9a-f]{64}$/u.test(subject) || subject.startsWith('arn:');
}
