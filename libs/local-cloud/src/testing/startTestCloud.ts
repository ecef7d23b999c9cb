import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IoTClient, IoTClientConfig } from '@aws-sdk/client-iot';
import type { MqttClient } from 'mqtt';
import type { LocalCloudOptions } from '../lib/config/schemas.js';
import type { CertificateStatus } from '../lib/registry/types.js';
import {
  startLocalCloud,
  type LocalCloud,
  type LocalCloudDependencies,
} from '../lib/startLocalCloud.js';
import { connectDevice, type ConnectDeviceOptions, type MqttsTarget } from './connectDevice.js';
import { connectRefused } from './connectRefused.js';
import { createTestDevice, type TestDeviceOptions } from './createTestDevice.js';
import { createTestIotClient } from './createTestIotClient.js';
import type { DeviceCredentials, LogLine, TestDevice } from './types.js';

/** Options of {@link startTestCloud}. */
export interface TestCloudOptions {
  /** `startLocalCloud` options besides `dataDir`. Defaults to its defaults (ports 0). */
  readonly cloud?: Omit<LocalCloudOptions, 'dataDir'>;
  /**
   * Starts a hand-moved clock at this epoch ms: it changes only by {@link TestCloud.advance}.
   * Defaults to real time plus what `advance` added (TLS always checks real time).
   */
  readonly startAt?: number;
  /** Pre-provisioning hooks, as `startLocalCloud` takes them. Defaults to none. */
  readonly preProvisioningHooks?: LocalCloudDependencies['preProvisioningHooks'];
  /** Settings of {@link TestCloud.iot} besides endpoint, region and credentials. */
  readonly iot?: IoTClientConfig;
  /** Prefix of the temporary data directory. Defaults to `local-cloud-`. */
  readonly dirPrefix?: string;
}

/** A local cloud started by {@link startTestCloud}, with what its integration specs need. */
export interface TestCloud extends LocalCloud {
  /** The temporary data directory; removed by `close`. */
  readonly dataDir: string;
  /** PEM of the local root CA from `endpoints.rootCaPath`. */
  readonly rootCaPem: string;
  /** Where devices connect: host, MQTT over TLS port and root CA. */
  readonly mqtts: MqttsTarget;
  /** Control-plane client with the admin credentials; destroyed by `close`. */
  readonly iot: IoTClient;
  /** Every log line so far, parsed (nothing reaches the console). */
  readonly logs: readonly LogLine[];
  /** The cloud clock's epoch ms. */
  now(): number;
  /** Moves the cloud's clock forward by `ms`. */
  advance(ms: number): void;
  /**
   * Resolves with the first log line of `event` written from now on.
   *
   * @throws Error when none comes within `timeoutMs` (defaults to `5_000` ms).
   */
  logged(event: string, timeoutMs?: number): Promise<LogLine>;
  /**
   * Resolves with the id of the next certificate the registry sets to `status`.
   *
   * @throws Error when none does within `timeoutMs` (defaults to `5_000` ms).
   */
  certificateReaches(status: CertificateStatus, timeoutMs?: number): Promise<string>;
  /** {@link createTestDevice} on {@link TestCloud.iot}. */
  createDevice(options?: TestDeviceOptions): Promise<TestDevice>;
  /** {@link connectDevice} to this cloud; `close` ends the client. */
  connect(
    device: DeviceCredentials,
    clientId: string,
    options?: ConnectDeviceOptions,
  ): Promise<MqttClient>;
  /** {@link connectRefused} to this cloud: the CONNACK code of a refused connection. */
  connectRefused(device: DeviceCredentials, clientId: string): Promise<number | undefined>;
  /** Ends the clients of `connect`, destroys `iot`, closes the cloud and removes `dataDir`. */
  close(): Promise<void>;
}

/**
 * Starts `startLocalCloud` for an integration spec: a fresh temporary data directory, ephemeral
 * ports on 127.0.0.1, logs captured in memory, an injected clock the spec can move, and an
 * `@aws-sdk/client-iot` client. Call `close` in `afterEach`; it is safe to call twice.
 *
 * @throws what `startLocalCloud` throws (`LocalCloudError`); the data directory is removed first.
 */
export async function startTestCloud(options: TestCloudOptions = {}): Promise<TestCloud> {
  const dataDir = await mkdtemp(join(tmpdir(), options.dirPrefix ?? 'local-cloud-'));
  let offsetMs = 0;
  const { startAt } = options;
  const now = (): number => (startAt === undefined ? Date.now() : startAt) + offsetMs;
  const logs: LogLine[] = [];
  const listeners = new Set<(line: LogLine) => void>();
  let cloud: LocalCloud;
  try {
    cloud = await startLocalCloud(
      { ...options.cloud, dataDir },
      {
        clock: { now },
        writeLog: (text) => {
          const line = JSON.parse(text) as LogLine;
          logs.push(line);
          for (const listener of listeners) listener(line);
        },
        ...(options.preProvisioningHooks === undefined
          ? {}
          : { preProvisioningHooks: options.preProvisioningHooks }),
      },
    );
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const { endpoints } = cloud;
  const rootCaPem = await readFile(endpoints.rootCaPath, 'utf8');
  const mqtts: MqttsTarget = { host: endpoints.iotEndpoint, port: endpoints.mqttsPort, rootCaPem };
  const iot = createTestIotClient(endpoints, options.iot);
  const clients: MqttClient[] = [];
  let closing: Promise<void> | undefined;

  return {
    endpoints,
    context: cloud.context,
    bus: cloud.bus,
    dataDir,
    rootCaPem,
    mqtts,
    iot,
    logs,
    now,
    advance: (ms) => void (offsetMs += ms),
    logged: (event, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const listener = (line: LogLine): void => {
          if (line.event !== event) return;
          done();
          resolve(line);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no "${event}" log line within ${timeoutMs} ms`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          listeners.delete(listener);
        };
        listeners.add(listener);
      }),
    certificateReaches: (status, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          stop();
          reject(new Error(`no certificate became ${status} within ${timeoutMs} ms`));
        }, timeoutMs);
        const stop = cloud.context.registry.onChange((change) => {
          if (change.type === 'certificate' && change.status === status) {
            clearTimeout(timer);
            stop();
            resolve(change.certificateId);
          }
        });
      }),
    createDevice: (deviceOptions) => createTestDevice(iot, deviceOptions),
    async connect(device, clientId, connectOptions) {
      const client = await connectDevice(mqtts, device, clientId, connectOptions);
      clients.push(client);
      return client;
    },
    connectRefused: (device, clientId) => connectRefused(mqtts, device, clientId),
    close: () =>
      (closing ??= (async () => {
        await Promise.all(clients.splice(0).map((client) => client.endAsync(true)));
        iot.destroy();
        await cloud.close();
        await rm(dataDir, { recursive: true, force: true });
      })()),
  };
}
