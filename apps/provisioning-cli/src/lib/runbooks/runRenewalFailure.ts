import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  UpdateCertificateCommand,
  type IoTClient,
} from '@aws-sdk/client-iot';
import { PREVIOUS_CERTIFICATE_ATTRIBUTE } from '@iot-gateway-net/cloud-functions';
import { CLAIM_CERTIFICATE_DEFAULTS } from '@iot-gateway-net/fleet-setup';
import { PER_ROBOT_CLAIM_CN_PREFIX } from '../claim/constants.js';
import { CliError } from '../errors/CliError.js';
import { certificateIdOf } from '../inspect/certificateIdOf.js';
import { listPrincipalThingNames } from '../inspect/listPrincipalThingNames.js';
import { loadCertificateDetails } from '../inspect/loadCertificateDetails.js';
import { loadThingDetails } from '../inspect/loadThingDetails.js';
import type { ThingDetails } from '../inspect/schemas.js';
import type { Progress } from '../output/createProgress.js';

/** What the renewal-failure runbook found (and did, with `reenable`). */
export interface RenewalFailureReport {
  readonly thing: ThingDetails;
  /** One line per finding, for the technician. */
  readonly findings: readonly string[];
  readonly reenabled?: {
    readonly certificateId: string;
    readonly previousStatus: string;
    readonly attachedToThing: boolean;
    readonly attachedPolicy?: string;
  };
}

/** Options of {@link runRenewalFailure}. */
export interface RunRenewalFailureOptions {
  readonly iot: IoTClient;
  readonly thingName: string;
  /** Certificate id or ARN to make ACTIVE again (the previous production certificate). */
  readonly reenable?: string;
  /** Attached to a re-enabled certificate that has no policy left. */
  readonly productionPolicyName: string;
  /** A certificate carrying this policy is a claim and is never re-enabled on a thing. */
  readonly claimPolicyName: string;
  /** Renewal lead time in days: an ACTIVE certificate closer than this to expiry is overdue. */
  readonly leadDays: number;
  readonly now: Date;
  /**
   * A progress indicator for the steps: the thing read; with `reenable` also the certificate
   * checked, re-enabled and the thing read again.
   */
  readonly progress?: (total: number) => Progress;
}

/** Steps {@link runRenewalFailure} reports to `progress`, without and with `reenable`. */
const STEPS = { show: 1, reenable: 4 } as const;

/**
 * Design 7 "証明書更新失敗時": shows the robot's certificates and their states and says what they
 * mean; with `reenable`, makes a previous certificate ACTIVE again (re-attaching it to the thing
 * and the production policy, which a completed rotation detached) so the robot can connect with
 * it while the cause is fixed.
 *
 * Only a certificate attached to the thing, or the one its last committed rotation retired (the
 * thing attribute `previousCertificateId` the rotation-commit handler writes), is re-enabled.
 *
 * @throws {CliError} `NOT_FOUND` for an unknown thing or certificate; `CHECK_FAILED` when the
 *   certificate to re-enable has expired, is REVOKED, is a claim certificate (claim policy
 *   attached, or CN `device-claim[:serial]`), belongs to another thing, or was never this thing's
 *   (attached to no thing and not its `previousCertificateId`).
 */
export async function runRenewalFailure(
  options: RunRenewalFailureOptions,
): Promise<RenewalFailureReport> {
  const progress = options.progress?.(options.reenable === undefined ? STEPS.show : STEPS.reenable);
  try {
    return await renewalFailure(options, progress);
  } finally {
    progress?.done();
  }
}

async function renewalFailure(
  options: RunRenewalFailureOptions,
  progress: Progress | undefined,
): Promise<RenewalFailureReport> {
  const { iot, now } = options;
  let thing = await loadThingDetails(iot, options.thingName, now);
  progress?.tick(thing.thingName);
  let reenabled: RenewalFailureReport['reenabled'];
  if (options.reenable !== undefined) {
    const certificateId = certificateIdOf(options.reenable);
    const certificate = await loadCertificateDetails(iot, certificateId, now);
    if (Date.parse(certificate.notAfter) <= now.getTime()) {
      throw new CliError(
        'CHECK_FAILED',
        `Certificate ${certificateId} expired at ${certificate.notAfter}; it cannot be re-enabled, the robot must renew through its claim certificate`,
      );
    }
    if (certificate.status === 'REVOKED') {
      throw new CliError(
        'CHECK_FAILED',
        `Certificate ${certificateId} is REVOKED (final); it cannot be re-enabled, the robot must renew through its claim certificate`,
      );
    }
    const claimCn =
      certificate.commonName === CLAIM_CERTIFICATE_DEFAULTS.commonName ||
      certificate.commonName?.startsWith(PER_ROBOT_CLAIM_CN_PREFIX) === true;
    if (certificate.policies.includes(options.claimPolicyName) || claimCn) {
      // A claim on the thing would give a 20-year credential production rights.
      throw new CliError(
        'CHECK_FAILED',
        `Certificate ${certificateId} is a claim certificate (${certificate.policies.includes(options.claimPolicyName) ? `policy ${options.claimPolicyName}` : `CN ${certificate.commonName ?? ''}`}), not a production certificate of "${thing.thingName}"; it cannot be re-enabled on a thing`,
      );
    }
    const owners = await listPrincipalThingNames(iot, certificate.certificateArn);
    if (owners.some((owner) => owner !== thing.thingName)) {
      throw new CliError(
        'CHECK_FAILED',
        `Certificate ${certificateId} belongs to ${owners.join(', ')}, not to "${thing.thingName}"`,
      );
    }
    // AWS IoT keeps no history of a thing's certificates: the rotation-commit handler records the
    // one it retired. Anything else detached from every thing was never (or not lately) this
    // robot's, and re-enabling it would hand its production rights to whoever holds that key.
    const previous = thing.attributes[PREVIOUS_CERTIFICATE_ATTRIBUTE];
    if (!owners.includes(thing.thingName) && previous !== certificateId) {
      throw new CliError(
        'CHECK_FAILED',
        `Certificate ${certificateId} was never "${thing.thingName}"'s: it is attached to no thing and is not its ${PREVIOUS_CERTIFICATE_ATTRIBUTE} (${previous === undefined ? 'none recorded' : previous}); only an attached certificate or the one the last rotation retired can be re-enabled`,
      );
    }
    progress?.tick(`${certificateId.slice(0, 12)} checked`);
    await iot.send(new UpdateCertificateCommand({ certificateId, newStatus: 'ACTIVE' }));
    const attachedToThing = !owners.includes(thing.thingName);
    if (attachedToThing) {
      await iot.send(
        new AttachThingPrincipalCommand({
          thingName: thing.thingName,
          principal: certificate.certificateArn,
        }),
      );
    }
    const needsPolicy = certificate.policies.length === 0;
    if (needsPolicy) {
      await iot.send(
        new AttachPolicyCommand({
          policyName: options.productionPolicyName,
          target: certificate.certificateArn,
        }),
      );
    }
    progress?.tick(`${certificateId.slice(0, 12)} ACTIVE`);
    reenabled = {
      certificateId,
      previousStatus: certificate.status,
      attachedToThing,
      ...(needsPolicy ? { attachedPolicy: options.productionPolicyName } : {}),
    };
    thing = await loadThingDetails(iot, options.thingName, now);
    progress?.tick(thing.thingName);
  }
  return {
    thing,
    findings: diagnose(thing, options.leadDays),
    ...(reenabled ? { reenabled } : {}),
  };
}

function diagnose(thing: ThingDetails, leadDays: number): string[] {
  const active = thing.certificates.filter((certificate) => certificate.status === 'ACTIVE');
  const findings: string[] = [];
  if (active.length === 0) {
    findings.push(
      'No ACTIVE certificate: the robot cannot connect with a production certificate; it renews through its claim certificate (design 7, step 2) / 有効な本番証明書なし: claim で更新します',
    );
  }
  for (const certificate of active) {
    if (certificate.expiresInDays < 0) {
      findings.push(
        `${certificate.certificateId.slice(0, 12)} is ACTIVE but expired ${-certificate.expiresInDays} day(s) ago / 期限切れ`,
      );
    } else if (certificate.expiresInDays <= leadDays) {
      findings.push(
        `${certificate.certificateId.slice(0, 12)} expires in ${certificate.expiresInDays} day(s): renewal is overdue (lead time ${leadDays} days) / 更新が遅れています`,
      );
    }
  }
  if (active.length > 1) {
    findings.push(
      `${active.length} ACTIVE certificates: a rotation started but was not committed (the old one is deactivated on commit) / ローテーション未完了`,
    );
  }
  if (findings.length === 0) findings.push('Certificates look healthy / 証明書は正常です');
  return findings;
}
