import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeCertificateCommand,
  IoTClient,
  ListThingPrincipalsCommand,
} from '@aws-sdk/client-iot';
import {
  createPreProvisioningHook,
  fromIotClient,
  type RotationGateOptions,
} from '@iot-gateway-net/cloud-functions';
import {
  FLEET_SETUP_DEFAULTS,
  createClaimCredential,
  ensureFleetSetup,
  writeClaimCredential,
} from '@iot-gateway-net/fleet-setup';
import { startLocalCloud, type LocalCloud } from '@iot-gateway-net/local-cloud';
import type { PreProvisioningHookInput } from '@iot-gateway-net/provisioning-templates';
import { parseDeviceConfig } from '../lib/config/parseDeviceConfig.js';
import type { DeviceConfig, DeviceConfigInput } from '../lib/config/schemas.js';
import { createTestClock, type TestClock } from './createTestClock.js';

const HOOK_ARN = 'arn:aws:lambda:ap-northeast-1:000000000000:function:amr-pre-provisioning-hook';

/** Answers a pre-provisioning hook call instead of (or before) the real hook, `next`. */
export type PreProvisioningHookInterceptor = (
  input: PreProvisioningHookInput,
  next: (input: PreProvisioningHookInput) => Promise<unknown>,
) => Promise<unknown>;

/** A local cloud set up like a real fleet: policies, template with hook, one claim credential. */
export interface TestFleet {
  readonly cloud: LocalCloud;
  readonly iot: IoTClient;
  readonly clock: TestClock;
  /** Temp directory holding the cloud's data, the claim files and every robot's state. */
  readonly dir: string;
  /** A device config for `serial` (its own state dir), with fast reconnects. */
  deviceConfig(serial: string, overrides?: Partial<DeviceConfigInput>): DeviceConfig;
  /**
   * Kits a factory-fresh robot for the executable: a claim credential of its own and a
   * `config.json` beside it in `<dir>/robots/<serial>` (paths relative to it, state in `state`),
   * with `config`'s top-level keys over the defaults. Resolves with the config file's path.
   */
  kitRobot(serial: string, config?: Record<string, unknown>): Promise<string>;
  /** Thing name of `serial` (`AMR-<serial>`). */
  thingName(serial: string): string;
  /**
   * Puts `hook` in front of the pre-provisioning hook for every later RegisterThing: it gets the
   * hook's input and `next` (the real hook) and answers for it. `undefined` removes it.
   */
  interceptHook(hook: PreProvisioningHookInterceptor | undefined): void;
  /** Certificates attached to the thing, with their status. */
  certificatesOf(thingName: string): Promise<{ certificateId: string; status: string }[]>;
  close(): Promise<void>;
}

/**
 * Starts the local cloud on port 0 in a temp directory with the injected test clock, runs
 * `ensureFleetSetup` with the pre-provisioning hook of `@iot-gateway-net/cloud-functions`
 * (allowlist = `allowedSerials`, rotation gate = `rotationGate`; none with
 * `preProvisioningHook: false`), and writes one claim credential made by `createClaimCredential`.
 */
export async function startTestFleet(
  options: {
    deviceCertificateLifetimeDays?: number;
    rotationGate?: RotationGateOptions;
    allowedSerials?: readonly string[];
    /** Register the pre-provisioning hook with the template. Defaults to `true`. */
    preProvisioningHook?: boolean;
  } = {},
): Promise<TestFleet> {
  const dir = await mkdtemp(join(tmpdir(), 'device-fleet-'));
  const clock = createTestClock();
  // The hook needs a client of the cloud it is registered with: bound once the cloud runs.
  const hookRef: { current?: (input: PreProvisioningHookInput) => Promise<unknown> } = {};
  let interceptor: PreProvisioningHookInterceptor | undefined;
  const cloud = await startLocalCloud(
    {
      dataDir: join(dir, 'cloud'),
      logLevel: 'error',
      ...(options.deviceCertificateLifetimeDays === undefined
        ? {}
        : { deviceCertificateLifetimeDays: options.deviceCertificateLifetimeDays }),
    },
    {
      clock,
      writeLog: () => undefined,
      preProvisioningHooks: {
        [HOOK_ARN]: (input) => {
          const real = hookRef.current;
          if (real === undefined) return Promise.reject(new Error('hook not ready'));
          return interceptor === undefined ? real(input) : interceptor(input, real);
        },
      },
    },
  );
  const e = cloud.endpoints;
  const iot = new IoTClient({
    endpoint: e.controlPlaneUrl,
    region: e.region,
    credentials: { ...e.controlPlaneCredentials },
  });
  const allowed =
    options.allowedSerials === undefined ? undefined : new Set(options.allowedSerials);
  hookRef.current = createPreProvisioningHook({
    allowedSerials: (serial) => allowed === undefined || allowed.has(serial),
    thingNameFor: (serial) => `${FLEET_SETUP_DEFAULTS.thingNamePrefix}${serial}`,
    iot: fromIotClient(iot),
    clock: { now: () => new Date(clock.now()) },
    ...(options.rotationGate === undefined ? {} : { rotation: options.rotationGate }),
  });
  await ensureFleetSetup({
    iot,
    region: e.region,
    accountId: e.accountId,
    provisioningRoleArn: `arn:aws:iam::${e.accountId}:role/fleet-provisioning`,
    ...(options.preProvisioningHook === false ? {} : { preProvisioningHookArn: HOOK_ARN }),
  });
  const claim = await createClaimCredential({ iot, now: new Date(clock.now()) });
  const claimPaths = await writeClaimCredential(join(dir, 'claim'), claim);

  return {
    cloud,
    iot,
    clock,
    dir,
    thingName: (serial) => `${FLEET_SETUP_DEFAULTS.thingNamePrefix}${serial}`,
    interceptHook(hook) {
      interceptor = hook;
    },
    deviceConfig(serial, overrides = {}) {
      return parseDeviceConfig({
        endpoint: { host: e.iotEndpoint, port: e.mqttsPort },
        serialNumber: serial,
        provisioning: { templateName: FLEET_SETUP_DEFAULTS.templateName },
        paths: {
          rootCa: e.rootCaPath,
          claimCertificate: claimPaths.certificatePath,
          claimPrivateKey: claimPaths.privateKeyPath,
          stateDir: join(dir, 'robots', serial),
        },
        connection: { reconnectMinDelayMs: 20, reconnectMaxDelayMs: 200, connectTimeoutMs: 5_000 },
        rotation: { backoffBaseMs: 100, backoffCeilingMs: 400, stepTimeoutMs: 15_000 },
        logLevel: 'debug',
        ...overrides,
      });
    },
    async kitRobot(serial, config = {}) {
      const robotDir = join(dir, 'robots', serial);
      const robotClaim = await createClaimCredential({ iot, now: new Date(clock.now()) });
      await writeClaimCredential(robotDir, robotClaim);
      const configPath = join(robotDir, 'config.json');
      await writeFile(
        configPath,
        JSON.stringify({
          endpoint: { host: e.iotEndpoint, port: e.mqttsPort },
          serialNumber: serial,
          provisioning: { templateName: FLEET_SETUP_DEFAULTS.templateName },
          paths: {
            rootCa: e.rootCaPath,
            claimCertificate: 'claim.cert.pem',
            claimPrivateKey: 'claim.private.key',
            stateDir: 'state',
          },
          ...config,
        }),
      );
      return configPath;
    },
    async certificatesOf(thingName) {
      const { principals = [] } = await iot.send(new ListThingPrincipalsCommand({ thingName }));
      const result: { certificateId: string; status: string }[] = [];
      for (const arn of principals) {
        const certificateId = arn.slice(arn.lastIndexOf('/') + 1);
        const described = await iot.send(new DescribeCertificateCommand({ certificateId }));
        result.push({ certificateId, status: described.certificateDescription?.status ?? '?' });
      }
      return result;
    },
    async close() {
      iot.destroy();
      await cloud.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
