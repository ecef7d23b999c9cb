import { readFile, stat } from 'node:fs/promises';
import { certificateValidity, type SecretFileSystem } from '@iot-gateway-net/pki/device';
import {
  RotationError,
  createInitialState,
  parseRotationState,
  referencedSlots,
  type Credential,
  type RotationState,
} from '@iot-gateway-net/rotation';
import { probeClockSynchronized } from '../clock/probeClockSynchronized.js';
import { deviceRotationConfig } from '../config/deviceRotationConfig.js';
import type { DeviceConfig } from '../config/schemas.js';
import { createCredentialStore } from '../credentials/createCredentialStore.js';
import { findProductionCredential } from '../credentials/findProductionCredential.js';
import type { CredentialStore } from '../credentials/types.js';
import { DeviceError } from '../errors/DeviceError.js';
import { createIdentity, type IdentityStatus } from '../identity/createIdentity.js';
import { createConsoleLogger } from '../log/createConsoleLogger.js';
import type { DeviceClock, DeviceLogger, RobotRuntime } from '../runtime/types.js';

/** The slot name of the factory-installed claim credential in the rotation state. */
export const CLAIM_SLOT = 'claim';

/** Options of {@link startDevice}. */
export interface StartDeviceOptions {
  /** A validated configuration (`loadDeviceConfig`). */
  readonly config: DeviceConfig;
  /** The robot runtime the production connection is handed to. Its `close()` stays the caller's. */
  readonly runtime: RobotRuntime;
  /** Wall clock. Defaults to `Date.now`. */
  readonly clock?: DeviceClock;
  /** Defaults to `createConsoleLogger({ level: config.logLevel })`. */
  readonly log?: DeviceLogger;
  /** Injectable system probes. `clockSynchronized` defaults to `probeClockSynchronized`. */
  readonly probes?: { readonly clockSynchronized?: () => Promise<boolean> };
  /** Uniform in [0, 1), for jitter. Defaults to `Math.random`. */
  readonly random?: () => number;
  /** Longest single timer wait before the rotation timer re-checks the clock. Defaults to `60_000` ms. */
  readonly timerClampMs?: number;
  /** File-system port of the atomic writes (tests). Defaults to `node:fs/promises`. */
  readonly fs?: SecretFileSystem;
}

/** A snapshot of the device's identity: see {@link IdentityStatus}. */
export type DeviceStatus = IdentityStatus;

/** A running device daemon engine. */
export interface DeviceHandle {
  status(): DeviceStatus;
  /**
   * Graceful stop: `runtime.detach({ final: true })` (retained offline status), ends the
   * connections, clears timers; the state on disk resumes correctly on the next start.
   */
  stop(): Promise<void>;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Warns when the claim private key is open to group or others (a `chmod 0640` during
 * installation): the daemon still starts — refusing would brick a robot over a file mode — but
 * the technician reads what to run.
 */
async function checkClaimKeyMode(config: DeviceConfig, log: DeviceLogger): Promise<void> {
  let mode: number;
  try {
    mode = (await stat(config.paths.claimPrivateKey)).mode & 0o777;
  } catch {
    return; // unreadable: readClaimCredential says so
  }
  if ((mode & 0o077) === 0) return;
  const path = config.paths.claimPrivateKey;
  log.log(
    'warn',
    'claim.keyPermissions',
    `Claim private key "${path}" has mode 0${mode.toString(8)}, expected 0600 owned by the daemon's user (chmod 600 "${path}")`,
  );
}

async function readClaimCredential(
  config: DeviceConfig,
  store: CredentialStore,
  log: DeviceLogger,
): Promise<Credential | undefined> {
  try {
    const { certificatePem } = await store.readCredential(CLAIM_SLOT);
    const parsed = certificateValidity(certificatePem);
    return {
      certificateId: parsed.certificateId,
      notBefore: parsed.notBefore.getTime(),
      notAfter: parsed.notAfter.getTime(),
      slot: CLAIM_SLOT,
    };
  } catch (error) {
    log.log('error', 'claim.credentialUnreadable', messageOf(error), {
      path: config.paths.claimCertificate,
    });
    return undefined;
  }
}

async function loadOrCreateState(
  store: CredentialStore,
  claim: Credential | undefined,
  config: DeviceConfig,
  log: DeviceLogger,
): Promise<RotationState> {
  const loaded = await store.loadState();
  if (loaded.kind === 'loaded') {
    const state = loaded.state;
    if (claim !== undefined && claim.certificateId !== state.claim.certificateId) {
      // A technician installed a new claim certificate (runbook needsTechnician): use it.
      log.log(
        'warn',
        'claim.replaced',
        `Using the new claim certificate ${claim.certificateId.slice(0, 12)}…`,
      );
      return parseRotationState({ ...state, claim: { ...claim, slot: state.claim.slot } });
    }
    return state;
  }
  if (loaded.kind === 'corrupt') {
    log.log(
      'error',
      'state.corrupt',
      `The rotation state is unreadable (${loaded.problem}); starting again from the credentials on disk`,
    );
  }
  if (claim === undefined) {
    throw new DeviceError(
      'CREDENTIALS',
      `Cannot start: no rotation state and the claim certificate "${config.paths.claimCertificate}" or its key "${config.paths.claimPrivateKey}" is unreadable, expected the factory-installed claim credential`,
    );
  }
  const production = await findProductionCredential(store);
  if (production !== undefined) {
    log.log(
      'info',
      'state.rebuilt',
      `Found production certificate ${production.certificateId.slice(0, 12)}… in slot ${production.slot}`,
    );
  }
  return createInitialState({ claim, production: production ?? null });
}

/**
 * Starts the device daemon engine: loads (or rebuilds) the credential store and rotation state in
 * `config.paths.stateDir`, sweeps credential slots the state no longer references, then drives the
 * rotation machine (`createIdentity`): a valid production certificate connects at once; a missing,
 * expired, revoked or refused one is replaced by fleet provisioning over the claim certificate;
 * a due one is renewed beside the working connection. The clock is trusted when NTP synchronised
 * it or (unless `config.clock.requireSynchronized`) when it is not earlier than the build time;
 * otherwise expiry is not judged and the clock is re-checked every `config.clock.recheckIntervalMs`.
 *
 * Resolves once the first event (`restarted`) is processed: connections are being opened.
 *
 * @throws {DeviceError} `CONFIG` when the rotation knobs contradict each other; `CREDENTIALS` when
 *   the root CA is unreadable, or when there is no rotation state and no readable claim credential.
 */
export async function startDevice(options: StartDeviceOptions): Promise<DeviceHandle> {
  const { config, runtime } = options;
  const clock = options.clock ?? { now: () => Date.now() };
  const log =
    options.log ?? createConsoleLogger({ level: config.logLevel, now: () => clock.now() });
  const random = options.random ?? Math.random;
  const probe = options.probes?.clockSynchronized ?? (() => probeClockSynchronized());

  let rotationConfig;
  try {
    rotationConfig = deviceRotationConfig(config);
  } catch (error) {
    if (!(error instanceof RotationError)) throw error;
    throw new DeviceError('CONFIG', `Invalid device config: rotation: ${error.message}`, {
      cause: error,
    });
  }
  let ca: string;
  try {
    ca = await readFile(config.paths.rootCa, 'utf8');
  } catch (cause) {
    throw new DeviceError(
      'CREDENTIALS',
      `Cannot read the root CA "${config.paths.rootCa}", expected a readable PEM file`,
      { cause },
    );
  }

  const store = createCredentialStore({
    stateDir: config.paths.stateDir,
    claim: {
      slot: CLAIM_SLOT,
      certificatePath: config.paths.claimCertificate,
      privateKeyPath: config.paths.claimPrivateKey,
    },
    ...(options.fs === undefined ? {} : { fs: options.fs }),
  });
  await checkClaimKeyMode(config, log);
  const claim = await readClaimCredential(config, store, log);
  const state = await loadOrCreateState(store, claim, config, log);
  const swept = await store.sweep(referencedSlots(state));
  if (swept.length > 0) {
    log.log(
      'info',
      'credentials.swept',
      `Deleted unreferenced credential slots: ${swept.join(', ')}`,
    );
  }
  const thingName = (await store.loadThingName()) ?? config.thingName ?? config.serialNumber;
  log.log('info', 'device.starting', `Starting ${thingName} (serial ${config.serialNumber})`, {
    phase: state.phase,
    certificateId: state.current?.certificateId.slice(0, 12),
  });

  const identity = createIdentity({
    config,
    rotationConfig,
    state,
    thingName,
    store,
    runtime,
    clock,
    log,
    random,
    ca,
    clockTrusted: async () =>
      (await probe()) ||
      (!config.clock.requireSynchronized && clock.now() >= rotationConfig.buildTime),
    timerClampMs: options.timerClampMs ?? 60_000,
  });
  await identity.start();
  return {
    status: () => identity.status(),
    stop: () => identity.stop(),
  };
}
