import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { IoTClient } from '@aws-sdk/client-iot';
import { createPreProvisioningHook, fromIotClient } from '@iot-gateway-net/cloud-functions';
import {
  createConsoleLogger,
  loadDeviceConfig,
  startSimulatedFleet,
  type SimulatedFleet,
} from '@iot-gateway-net/device';
import { startLocalCloud, type LocalCloud } from '@iot-gateway-net/local-cloud';
import { AmrStatusSchema, HeartbeatSchema, parseAmrTopic } from '@iot-gateway-net/topics';
import { bootstrapFleet, type PreparedRobot } from './bootstrapFleet.js';
import { ACCOUNT_ID, demoSerials, HOOK_ARN, REGION, THING_NAME_PREFIX } from './constants.js';
import type { FleetSummaryRow } from './renderSummary.js';

/** Options of {@link startLocalStack}. */
export interface LocalStackOptions {
  /** Root directory: `local-cloud/`, `fleet/<serial>/`, `logs/`. */
  dataDir: string;
  /** Number of simulated AMRs (serials `001`, `002`, …). */
  count: number;
  /** Lifetime of production certificates in days. Defaults to `365`. */
  deviceCertificateDays?: number;
  /** Heartbeat period of the robots. Defaults to the daemon's `10_000` ms. */
  heartbeatIntervalMs?: number;
  /** Local cloud ports. Defaults to ephemeral ports. */
  ports?: { mqtts?: number; https?: number; controlPlane?: number };
}

/** The running stack. */
export interface LocalStack {
  readonly cloud: LocalCloud;
  readonly robots: readonly PreparedRobot[];
  /** What was created or left unchanged by the set-up. */
  readonly setupLines: readonly string[];
  readonly logDir: string;
  /** The fleet as the summary shows it, now. */
  rows(): FleetSummaryRow[];
  /** Stops the robots (retained offline status), then the cloud. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * `npm start`: starts the local cloud on `<dataDir>/local-cloud`, sets it up like an integrator
 * would on AWS (design 6) with the shared pre-provisioning hook (serial allowlist + rotation gate)
 * running in-process, gives each simulated AMR a claim credential and a daemon configuration under
 * `<dataDir>/fleet/<serial>`, and starts the fleet: each robot provisions itself by claim on its
 * first run and comes back with its production certificate on later runs. Logs go to
 * `<dataDir>/logs/` so the terminal stays readable.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const dataDir = path.resolve(options.dataDir);
  const logDir = path.join(dataDir, 'logs');
  await mkdir(logDir, { recursive: true, mode: 0o700 });
  const cloudLog = createWriteStream(path.join(logDir, 'local-cloud.log'), { flags: 'a' });
  const fleetLog = createWriteStream(path.join(logDir, 'fleet.log'), { flags: 'a' });
  const serials = demoSerials(options.count);

  let hook: ReturnType<typeof createPreProvisioningHook> | undefined;
  let cloud: LocalCloud | undefined;
  let fleet: SimulatedFleet | undefined;
  let iot: IoTClient | undefined;
  const closeLogs = async (): Promise<void> => {
    await Promise.all([endStream(cloudLog), endStream(fleetLog)]);
  };
  try {
    cloud = await startLocalCloud(
      {
        dataDir: path.join(dataDir, 'local-cloud'),
        region: REGION,
        accountId: ACCOUNT_ID,
        ...(options.deviceCertificateDays === undefined
          ? {}
          : { deviceCertificateLifetimeDays: options.deviceCertificateDays }),
        ...(options.ports === undefined ? {} : { ports: options.ports }),
      },
      {
        writeLog: (line) => cloudLog.write(line.endsWith('\n') ? line : `${line}\n`),
        preProvisioningHooks: {
          // The hook needs an SDK client pointed at this cloud, which exists only after start.
          [HOOK_ARN(REGION, ACCOUNT_ID)]: (input) =>
            hook === undefined ? Promise.reject(new Error('hook not ready')) : hook(input),
        },
      },
    );
    const e = cloud.endpoints;
    iot = new IoTClient({
      endpoint: e.controlPlaneUrl,
      region: e.region,
      credentials: { ...e.controlPlaneCredentials },
    });
    hook = createPreProvisioningHook({
      allowedSerials: (serial) => serials.includes(serial),
      thingNameFor: (serial) => `${THING_NAME_PREFIX}${serial}`,
      iot: fromIotClient(iot),
      clock: { now: () => new Date() },
      log: (event, fields) => cloudLog.write(`${JSON.stringify({ event, ...fields })}\n`),
    });

    const { setup, robots } = await bootstrapFleet({
      iot,
      endpoints: e,
      fleetDir: path.join(dataDir, 'fleet'),
      serials,
      now: new Date(),
      ...(options.heartbeatIntervalMs === undefined
        ? {}
        : { heartbeatIntervalMs: options.heartbeatIntervalMs }),
    });

    const seen = new Map<string, { heartbeatAt?: number; state?: string; battery?: number }>();
    const observe = (thing: string) => {
      let entry = seen.get(thing);
      if (entry === undefined) seen.set(thing, (entry = {}));
      return entry;
    };
    const decoder = new TextDecoder();
    cloud.bus.handle('amr/+/heartbeat', (message) => {
      const thing = parseAmrTopic(message.topic)?.thingName;
      const beat = safeJson(HeartbeatSchema, decoder.decode(message.payload));
      if (thing !== undefined && beat !== undefined)
        observe(thing).heartbeatAt = message.receivedAt;
    });
    cloud.bus.handle('amr/+/status', (message) => {
      const thing = parseAmrTopic(message.topic)?.thingName;
      const status = safeJson(AmrStatusSchema, decoder.decode(message.payload));
      if (thing === undefined || status === undefined) return;
      const entry = observe(thing);
      entry.state = status.state;
      if (status.battery !== undefined) entry.battery = status.battery;
    });

    const configs = await Promise.all(robots.map((robot) => loadDeviceConfig(robot.configPath)));
    fleet = await startSimulatedFleet({
      configs,
      logFor: (config) =>
        createConsoleLogger({
          level: config.logLevel,
          write: (line) => fleetLog.write(`[${config.serialNumber}] ${line}\n`),
        }),
    });
    const running = fleet;
    const runningCloud = cloud;
    let stopping: Promise<void> | undefined;
    return {
      cloud,
      robots,
      logDir,
      setupLines: setup.resources.map(
        (r) => `${r.kind} ${r.name}: ${r.action}${r.detail === undefined ? '' : ` (${r.detail})`}`,
      ),
      rows: () =>
        running.members.map((member) => {
          const status = member.device.status();
          const observed = seen.get(status.thingName);
          return {
            serial: member.serialNumber,
            thingName: status.thingName,
            phase:
              status.step === undefined
                ? status.rotationState
                : `${status.rotationState}/${status.step}`,
            connected: status.connected,
            ...(status.certificateId === null ? {} : { certificateId: status.certificateId }),
            ...(status.notAfter === null ? {} : { notAfter: status.notAfter }),
            ...(observed?.heartbeatAt === undefined
              ? {}
              : { lastHeartbeatAt: observed.heartbeatAt }),
            ...(observed?.state === undefined ? {} : { robotState: observed.state }),
            ...(observed?.battery === undefined ? {} : { battery: observed.battery }),
          };
        }),
      stop: () =>
        (stopping ??= (async () => {
          await running.stop();
          iot?.destroy();
          await runningCloud.close();
          await closeLogs();
        })()),
    };
  } catch (error) {
    await fleet?.stop();
    iot?.destroy();
    await cloud?.close();
    await closeLogs();
    throw error;
  }
}

function safeJson<T>(
  schema: { safeParse(value: unknown): { success: boolean; data?: T } },
  text: string,
): T | undefined {
  try {
    const result = schema.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

function endStream(stream: WriteStream): Promise<void> {
  return new Promise((resolve) => stream.end(resolve));
}
