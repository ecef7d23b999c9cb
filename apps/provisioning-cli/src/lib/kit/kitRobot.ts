import { lstat, mkdir, mkdtemp, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { UpdateCertificateCommand, type IoTClient } from '@aws-sdk/client-iot';
import {
  CLAIM_FILE_NAMES,
  createClaimCredential,
  writeClaimCredential,
} from '@iot-gateway-net/fleet-setup';
import { certificateId, parseCertificate, writeSecretFileAtomic } from '@iot-gateway-net/pki';
import { PER_ROBOT_CLAIM_CN_PREFIX } from '../claim/constants.js';
import { discardClaimCertificate } from '../claim/discardClaimCertificate.js';
import { CliError } from '../errors/CliError.js';
import type { FleetNames } from '../target/fleetNames.js';
import type { DataEndpoint } from '../target/types.js';
import { renderBundleFiles } from './renderBundleFiles.js';

/** Options of {@link kitRobot}. */
export interface KitRobotOptions {
  readonly iot: IoTClient;
  readonly serial: string;
  /** The bundle goes to `<outDir>/<serial>/`. */
  readonly outDir: string;
  /** Replace an existing bundle (its per-robot claim certificate is then deactivated). */
  readonly force: boolean;
  readonly names: FleetNames;
  readonly endpoint: DataEndpoint;
  readonly rootCaPem: string;
  readonly stateDir: string;
  readonly method: 'csr' | 'createKeysAndCertificate';
  readonly now: Date;
}

/** One kitted robot. */
export interface KitResult {
  readonly serial: string;
  readonly thingName: string;
  readonly bundleDir: string;
  readonly claimCertificateId: string;
  /** The per-robot claim of the bundle `--force` replaced, now INACTIVE. */
  readonly replacedClaimCertificateId?: string;
}

/**
 * Kits one robot: registers a per-robot claim certificate (`CN=device-claim:<serial>`, 20 years,
 * claim policy) and writes its bundle — daemon config, claim certificate and key (0600), root CA,
 * systemd unit, README — into a temporary directory next to the target, then renames it into
 * place, so a bundle is either complete or absent. On any failure the temporary directory is
 * removed and the claim certificate discarded.
 *
 * @throws {CliError} `ALREADY_EXISTS` when the bundle exists and `force` is not set (checked
 *   before anything is created); `INVALID_INPUT` when the daemon would refuse the config.
 */
export async function kitRobot(options: KitRobotOptions): Promise<KitResult> {
  const { iot, serial, outDir, names } = options;
  const bundleDir = join(outDir, serial);
  const exists = await pathExists(bundleDir);
  if (exists && !options.force) {
    throw new CliError(
      'ALREADY_EXISTS',
      `Bundle "${bundleDir}" already exists; pass --force to replace it`,
    );
  }
  const thingName = `${names.thingNamePrefix}${serial}`;
  // Register first: a cloud that cannot be reached or refuses leaves nothing on disk, not even --out.
  const credential = await createClaimCredential({
    iot,
    claimPolicyName: names.claimPolicyName,
    commonName: `${PER_ROBOT_CLAIM_CN_PREFIX}${serial}`,
    now: options.now,
  });
  let createdOut: string | undefined;
  let temp: string | undefined;
  let previous: string | undefined;
  try {
    createdOut = await mkdir(outDir, { recursive: true });
    temp = await mkdtemp(join(outDir, `.${serial}.kit-`));
    const files = renderBundleFiles({
      serial,
      thingName,
      templateName: names.templateName,
      endpoint: options.endpoint,
      rootCaPem: options.rootCaPem,
      stateDir: options.stateDir,
      method: options.method,
      claimCertificateId: credential.certificateId,
      kittedAt: options.now,
    });
    await writeClaimCredential(temp, credential);
    for (const file of files) {
      await writeSecretFileAtomic(join(temp, file.name), file.content, { mode: 0o644 });
    }
    if (exists) {
      previous = join(outDir, `.${serial}.old-${credential.certificateId.slice(0, 8)}`);
      await rename(bundleDir, previous);
    }
    try {
      await rename(temp, bundleDir);
    } catch (error) {
      if (previous !== undefined) await rename(previous, bundleDir);
      previous = undefined;
      throw error;
    }
  } catch (error) {
    if (temp !== undefined) await rm(temp, { recursive: true, force: true });
    if (createdOut !== undefined) await removeEmptyDirs(outDir, createdOut);
    await discardClaimCertificate(iot, credential, names.claimPolicyName);
    throw error;
  }
  const replaced = previous === undefined ? undefined : await retireClaim(iot, previous, serial);
  if (previous !== undefined) await rm(previous, { recursive: true, force: true });
  return {
    serial,
    thingName,
    bundleDir,
    claimCertificateId: credential.certificateId,
    ...(replaced === undefined ? {} : { replacedClaimCertificateId: replaced }),
  };
}

// The replaced bundle's claim only ever served this robot: deactivate it so a lost USB stick
// holding the old bundle is useless. A shared claim (other CN) is left alone.
async function retireClaim(
  iot: IoTClient,
  oldBundle: string,
  serial: string,
): Promise<string | undefined> {
  try {
    const pem = await readFile(join(oldBundle, CLAIM_FILE_NAMES.certificate), 'utf8');
    if (parseCertificate(pem).commonName !== `${PER_ROBOT_CLAIM_CN_PREFIX}${serial}`) {
      return undefined;
    }
    const id = certificateId(pem);
    await iot.send(new UpdateCertificateCommand({ certificateId: id, newStatus: 'INACTIVE' }));
    return id;
  } catch {
    // The old bundle was incomplete or its claim is already gone: nothing to retire.
    return undefined;
  }
}

/** Removes `dir` and its parents up to `top` (the first one this run created) while they are empty. */
async function removeEmptyDirs(dir: string, top: string): Promise<void> {
  for (let current = resolve(dir); ; current = dirname(current)) {
    try {
      await rmdir(current);
    } catch {
      return; // not empty (another robot's bundle) or already gone
    }
    if (current === resolve(top) || dirname(current) === current) return;
  }
}

async function pathExists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
