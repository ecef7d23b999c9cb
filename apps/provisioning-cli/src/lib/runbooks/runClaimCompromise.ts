import { UpdateCertificateCommand, type IoTClient } from '@aws-sdk/client-iot';
import { PER_ROBOT_CLAIM_CN_PREFIX } from '../claim/constants.js';
import { CliError } from '../errors/CliError.js';
import { certificateIdOf } from '../inspect/certificateIdOf.js';
import { listPrincipalThingNames } from '../inspect/listPrincipalThingNames.js';
import { listThingNames } from '../inspect/listThingNames.js';
import { loadCertificateDetails } from '../inspect/loadCertificateDetails.js';
import { loadThingDetails } from '../inspect/loadThingDetails.js';
import type { Progress } from '../output/createProgress.js';

/** The template's thing attribute carrying the serial (`buildFleetProvisioningTemplate`). */
const SERIAL_ATTRIBUTE = 'serialNumber';

/** A robot the compromised claim served (or may have served). */
export interface ServedRobot {
  readonly thingName: string;
  readonly serial?: string;
  /** Newest ACTIVE production certificate, if any. */
  readonly activeCertificateId?: string;
}

/** What the claim-compromise runbook did and found. */
export interface ClaimCompromiseReport {
  readonly certificateId: string;
  readonly commonName?: string;
  readonly previousStatus: string;
  readonly newStatus: 'INACTIVE' | 'REVOKED';
  /**
   * `perRobot`: the claim's CN names one serial, its robot is found by the template's
   * `serialNumber` attribute. `shared`: any robot provisioned by the template since the claim was
   * made may have used it.
   */
  readonly method: 'perRobot' | 'shared';
  readonly robots: readonly ServedRobot[];
}

/** Options of {@link runClaimCompromise}. */
export interface RunClaimCompromiseOptions {
  readonly iot: IoTClient;
  readonly claimCertificate: string;
  readonly revoke: boolean;
  readonly now: Date;
  /** A progress indicator for the robots looked at (a shared claim looks at the whole fleet). */
  readonly progress?: (total: number) => Progress;
}

/**
 * Claim compromise: deactivates (or revokes) a claim certificate and lists the robots it served.
 * AWS IoT does not record which claim provisioned a thing, so the robots are found through what
 * the registry holds: amrctl's per-robot claims carry `CN=device-claim:<serial>` and the fleet
 * template gives each thing the attribute `serialNumber`; a shared claim (`CN=device-claim`) may
 * have served every thing with that attribute whose certificates were issued after the claim.
 *
 * @throws {CliError} `NOT_FOUND` for an unknown certificate; `USAGE` when the certificate is a
 *   robot's production certificate (attached to a thing: use the key-leak runbook).
 */
export async function runClaimCompromise(
  options: RunClaimCompromiseOptions,
): Promise<ClaimCompromiseReport> {
  const { iot, now } = options;
  const certificateId = certificateIdOf(options.claimCertificate);
  const claim = await loadCertificateDetails(iot, certificateId, now);
  const owners = await listPrincipalThingNames(iot, claim.certificateArn);
  if (owners.length > 0) {
    throw new CliError(
      'USAGE',
      `Certificate ${certificateId} is the production certificate of ${owners.join(', ')}, not a claim; use "amrctl runbook key-leak ${certificateId}"`,
    );
  }
  const newStatus = options.revoke ? 'REVOKED' : 'INACTIVE';
  await iot.send(new UpdateCertificateCommand({ certificateId, newStatus }));

  const serial = claim.commonName?.startsWith(PER_ROBOT_CLAIM_CN_PREFIX)
    ? claim.commonName.slice(PER_ROBOT_CLAIM_CN_PREFIX.length)
    : undefined;
  const candidates =
    serial === undefined
      ? await listThingNames(iot)
      : await listThingNames(iot, { attributeName: SERIAL_ATTRIBUTE, attributeValue: serial });
  const robots: ServedRobot[] = [];
  const progress = options.progress?.(candidates.length);
  try {
    for (const thingName of candidates) {
      progress?.tick(thingName);
      const robot = await servedRobot(iot, thingName, claim, serial, now);
      if (robot !== undefined) robots.push(robot);
    }
  } finally {
    progress?.done();
  }
  return {
    certificateId,
    ...(claim.commonName === undefined ? {} : { commonName: claim.commonName }),
    previousStatus: claim.status,
    newStatus,
    method: serial === undefined ? 'shared' : 'perRobot',
    robots,
  };
}

/** The robot `thingName` if the claim may have served it. */
async function servedRobot(
  iot: IoTClient,
  thingName: string,
  claim: { readonly createdAt?: string | undefined; readonly notBefore: string },
  serial: string | undefined,
  now: Date,
): Promise<ServedRobot | undefined> {
  const thing = await loadThingDetails(iot, thingName, now);
  const thingSerial = thing.attributes[SERIAL_ATTRIBUTE];
  if (thingSerial === undefined) return undefined;
  // A shared claim can only have served robots provisioned after it was registered. Compare
  // registration times (DescribeCertificate creationDate): a claim's notBefore may be backdated.
  const since = claim.createdAt ?? claim.notBefore;
  if (
    serial === undefined &&
    !thing.certificates.some((c) => (c.createdAt ?? c.notBefore) > since)
  ) {
    return undefined;
  }
  const active = thing.certificates.find((certificate) => certificate.status === 'ACTIVE');
  return {
    thingName,
    serial: thingSerial,
    ...(active === undefined ? {} : { activeCertificateId: active.certificateId }),
  };
}
