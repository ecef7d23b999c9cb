import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { IoTClient } from '@aws-sdk/client-iot';
import type { DeviceConfigInput } from '@iot-gateway-net/device';
import {
  CLAIM_FILE_NAMES,
  createClaimCredential,
  ensureFleetSetup,
  writeClaimCredential,
  type FleetSetupReport,
} from '@iot-gateway-net/fleet-setup';
import type { Endpoints } from '@iot-gateway-net/local-cloud/endpoints';
import { writeSecretFileAtomic } from '@iot-gateway-net/pki';
import { HOOK_ARN, PROVISIONING_ROLE_ARN, TEMPLATE_NAME } from './constants.js';

/** One simulated robot's directory, as a technician's kitted SD card would hold it. */
export interface PreparedRobot {
  serial: string;
  /** `<fleetDir>/<serial>`: config.json, the claim credential and the daemon's state directory. */
  dir: string;
  configPath: string;
  /** Whether this run made its claim certificate (first run) or found it (later runs). */
  claimCreated: boolean;
}

/** Options of {@link bootstrapFleet}. */
export interface BootstrapFleetOptions {
  iot: IoTClient;
  endpoints: Endpoints;
  fleetDir: string;
  serials: readonly string[];
  now: Date;
  heartbeatIntervalMs?: number;
}

/**
 * Sets up the cloud side (design 6: production and claim policies, the provisioning template with
 * its pre-provisioning hook) idempotently, then gives each robot what the factory would: its own
 * 20-year claim certificate (design 12.1) and a daemon configuration. A robot whose claim
 * certificate already exists keeps it, so a second run re-provisions nothing; its configuration is
 * rewritten because the local cloud's ports may differ between runs.
 */
export async function bootstrapFleet(
  options: BootstrapFleetOptions,
): Promise<{ setup: FleetSetupReport; robots: PreparedRobot[] }> {
  const { iot, endpoints: e } = options;
  const setup = await ensureFleetSetup({
    iot,
    region: e.region,
    accountId: e.accountId,
    templateName: TEMPLATE_NAME,
    provisioningRoleArn: PROVISIONING_ROLE_ARN(e.accountId),
    preProvisioningHookArn: HOOK_ARN(e.region, e.accountId),
  });
  const robots: PreparedRobot[] = [];
  for (const serial of options.serials) {
    const dir = path.resolve(options.fleetDir, serial);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const claimPath = path.join(dir, CLAIM_FILE_NAMES.certificate);
    const claimCreated = !(await exists(claimPath));
    if (claimCreated) {
      const claim = await createClaimCredential({
        iot,
        now: options.now,
        commonName: `claim-${serial}`,
      });
      await writeClaimCredential(dir, claim);
    }
    const config: DeviceConfigInput = {
      endpoint: { host: e.iotEndpoint, port: e.mqttsPort },
      serialNumber: serial,
      provisioning: { templateName: TEMPLATE_NAME },
      paths: {
        rootCa: path.resolve(e.rootCaPath),
        claimCertificate: CLAIM_FILE_NAMES.certificate,
        claimPrivateKey: CLAIM_FILE_NAMES.privateKey,
        stateDir: 'state',
      },
      ...(options.heartbeatIntervalMs === undefined
        ? {}
        : { heartbeatIntervalMs: options.heartbeatIntervalMs }),
    };
    const configPath = path.join(dir, 'config.json');
    await writeSecretFileAtomic(configPath, JSON.stringify(config, null, 2) + '\n', {
      mode: 0o644,
    });
    robots.push({ serial, dir, configPath, claimCreated });
  }
  return { setup, robots };
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
