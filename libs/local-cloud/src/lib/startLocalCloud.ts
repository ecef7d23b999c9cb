import { constants } from 'node:fs';
import { access, mkdir, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Server as TlsServer } from 'node:tls';
import { IoTClient } from '@aws-sdk/client-iot';
import { fromIotClient } from '@iot-gateway-net/cloud-functions';
import { writeSecretFileAtomic } from '@iot-gateway-net/pki';
import type { PreProvisioningHookInput } from '@iot-gateway-net/provisioning-templates';
import { caCertificateRegisteredTopic } from '@iot-gateway-net/topics';
import { createBroker } from './broker/createBroker.js';
import type { UnknownCertificateEvent } from './broker/types.js';
import {
  LocalCloudOptionsSchema,
  type Endpoints,
  type LocalCloudOptions,
} from './config/schemas.js';
import type { Clock } from './context/Clock.js';
import type { CloudContext } from './context/CloudContext.js';
import type { MessageBus } from './context/MessageBus.js';
import { createCredentialStore } from './context/createCredentialStore.js';
import { createJsonLogger } from './context/createJsonLogger.js';
import { createMetrics } from './context/createMetrics.js';
import { systemClock } from './context/systemClock.js';
import { createControlPlane } from './control-plane/createControlPlane.js';
import { createDataPlane } from './data-plane/createDataPlane.js';
import { createFleetProvisioning } from './fleet-provisioning/createFleetProvisioning.js';
import { createHookInvoker } from './fleet-provisioning/createHookInvoker.js';
import { dataDirPaths } from './data-dir/dataDirPaths.js';
import { ensureControlPlaneCredentials } from './data-dir/ensureControlPlaneCredentials.js';
import { ensureLocalPki } from './data-dir/ensureLocalPki.js';
import { LocalCloudError } from './errors/LocalCloudError.js';
import { createJustInTimeRegistration } from './jitr/createJustInTimeRegistration.js';
import { createRegistry } from './registry/createRegistry.js';
import { builtInRules } from './rules/builtInRules.js';
import { createRules } from './rules/createRules.js';
import { createShadowService } from './shadow-service/createShadowService.js';

/** A running local cloud. */
export interface LocalCloud {
  /** What was written to `<dataDir>/endpoints.json`. */
  readonly endpoints: Endpoints;
  /** The shared context (registry, credentials, CA, ...), for embedding and tests. */
  readonly context: CloudContext;
  /**
   * The broker's message bus: publish as the service, or observe client publishes after they were
   * authorized (for embedding, e.g. a fleet dashboard in the same process).
   */
  readonly bus: MessageBus;
  /**
   * Stops accepting connections, disconnects clients, closes the registry and removes
   * endpoints.json. Safe to call twice.
   */
  close(): Promise<void>;
}

/** Dependencies that are not options: injected for tests and embedding. */
export interface LocalCloudDependencies {
  /** Defaults to the system clock. */
  clock?: Clock;
  /** Where JSON log lines go. Defaults to standard error. */
  writeLog?: (line: string) => void;
  /**
   * Pre-provisioning hooks by the `targetArn` templates name (on AWS, Lambda function ARNs), e.g.
   * `createPreProvisioningHook` of `@iot-gateway-net/cloud-functions`. A template whose hook
   * `targetArn` is an `http://` or `https://` URL is called with a JSON POST instead.
   */
  preProvisioningHooks?: Record<string, (input: PreProvisioningHookInput) => Promise<unknown>>;
}

/**
 * Starts the local AWS IoT Core stand-in: MQTT over TLS with client certificates, MQTT over
 * WebSocket with SigV4, the HTTPS data plane (publish, shadows, retained messages), the control plane
 * (AWS IoT REST API) and `/metrics`, all backed by a SQLite registry in `options.dataDir`. Resolves
 * once every server listens and `<dataDir>/endpoints.json` is written.
 *
 * @throws {LocalCloudError} `CONFIG` for invalid options; `STARTUP` when the data directory cannot
 *   be used or a port is taken (the message names which).
 */
export async function startLocalCloud(
  options: LocalCloudOptions,
  deps: LocalCloudDependencies = {},
): Promise<LocalCloud> {
  const parsed = LocalCloudOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new LocalCloudError('CONFIG', `Invalid local cloud options: ${parsed.error.message}`, {
      cause: parsed.error,
    });
  }
  const opts = parsed.data;
  const clock = deps.clock ?? systemClock;
  const logger = createJsonLogger({
    level: opts.logLevel,
    clock,
    base: { service: 'local-cloud' },
    ...(deps.writeLog ? { write: deps.writeLog } : {}),
  });
  // The schema requires at least one host name; the first is what clients connect to.
  const host = opts.hostnames[0] ?? 'localhost';
  const paths = dataDirPaths(opts.dataDir);
  await prepareDataDir(paths.root);

  const pki = await ensureLocalPki(paths, {
    hostnames: opts.hostnames,
    now: new Date(clock.now()),
    logger,
  });
  const admin = await ensureControlPlaneCredentials(paths);
  const registry = createRegistry({
    path: paths.registry,
    region: opts.region,
    accountId: opts.accountId,
    clock,
    logger: logger.child({ component: 'registry' }),
  });
  const cleanup: (() => Promise<void> | void)[] = [() => registry.close()];
  try {
    const context: CloudContext = {
      region: opts.region,
      accountId: opts.accountId,
      endpointHost: host,
      registry,
      credentials: createCredentialStore([{ ...admin, identity: { kind: 'admin' } }]),
      ca: pki.ca,
      rootCaPem: pki.rootCaPem,
      deviceCertificateLifetimeDays: opts.deviceCertificateLifetimeDays,
      clock,
      logger,
      metrics: createMetrics(),
    };

    // JITR needs the broker's bus and the SDK client, both created after the broker; until then an
    // unknown certificate is only refused.
    const jitr: { handle?: (event: UnknownCertificateEvent) => Promise<void> } = {};
    const broker = await createBroker(context, {
      onUnknownCertificate: (event) => jitr.handle?.(event),
      serverCertPem: pki.serverCertPem,
      serverKeyPem: pki.serverKeyPem,
      publishRateLimit: opts.publishRateLimit,
      publishBytesPerSecond: opts.publishBytesPerSecond,
    });
    cleanup.unshift(() => broker.close());
    const fleet = createFleetProvisioning(context, broker.bus, {
      invokeHook: createHookInvoker(deps.preProvisioningHooks ?? {}),
      hookTimeoutMs: opts.preProvisioningHookTimeoutMs,
    });
    cleanup.unshift(() => fleet.close());
    const shadows = createShadowService(context, broker.bus);
    cleanup.unshift(() => shadows.close());
    const controlPlane = createControlPlane(context);
    cleanup.unshift(() => controlPlane.close());
    const dataPlane = createDataPlane(context, broker.bus, shadows);

    const controlServer = createHttpServer((req, res) => {
      if (req.method === 'GET' && req.url === '/metrics') {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
        res.end(context.metrics.render());
        return;
      }
      controlPlane.handle(req, res);
    });
    const httpsServer = createHttpsServer(
      {
        key: pki.serverKeyPem,
        cert: pki.serverCertPem,
        ca: [pki.rootCaPem],
        requestCert: true,
        rejectUnauthorized: false,
        minVersion: 'TLSv1.2',
      },
      (req, res) => dataPlane.handle(req, res),
    );
    broker.attachWebSocket(httpsServer);

    const mqttsPort = await listen(
      broker.mqttsServer,
      opts.ports.mqtts,
      opts.bindAddress,
      'MQTT over TLS',
    );
    cleanup.unshift(() => closeServer(broker.mqttsServer));
    const httpsPort = await listen(
      httpsServer,
      opts.ports.https,
      opts.bindAddress,
      'HTTPS data plane',
    );
    cleanup.unshift(() => closeServer(httpsServer));
    const controlPort = await listen(
      controlServer,
      opts.ports.controlPlane,
      opts.bindAddress,
      'control plane',
    );
    cleanup.unshift(() => closeServer(controlServer));

    const endpoints: Endpoints = {
      region: opts.region,
      accountId: opts.accountId,
      iotEndpoint: host,
      mqttsPort,
      wssUrl: `wss://${host}:${httpsPort}/mqtt`,
      httpsDataUrl: `https://${host}:${httpsPort}`,
      controlPlaneUrl: `http://${urlHost(opts.bindAddress)}:${controlPort}`,
      metricsUrl: `http://${urlHost(opts.bindAddress)}:${controlPort}/metrics`,
      rootCaPath: paths.rootCaCert,
      controlPlaneCredentials: admin,
      pid: process.pid,
      startedAt: new Date(clock.now()).toISOString(),
    };
    await writeSecretFileAtomic(paths.endpoints, JSON.stringify(endpoints, null, 2) + '\n');
    // Closing runs these last-registered first: endpoints.json goes, rules stop, then the broker
    // disconnects every client (a server's close() waits for open sockets), then servers,
    // services, registry.
    cleanup.unshift(() => broker.close());

    // Rule actions are the cloud functions AWS runs as Lambda actions; like a Lambda they reach the
    // control plane through the real SDK, here pointed at ourselves.
    const iotClient = new IoTClient({
      endpoint: endpoints.controlPlaneUrl,
      region: opts.region,
      credentials: { ...admin },
    });
    cleanup.unshift(() => iotClient.destroy());
    const ruleLog = logger.child({ component: 'cloud-functions' });
    const rules = createRules(
      context,
      broker.bus,
      builtInRules({
        iot: fromIotClient(iotClient),
        clock,
        log: (event, fields) => ruleLog.info(event, fields),
        jitrProductionPolicyName: opts.jitrProductionPolicyName,
      }),
    );
    cleanup.unshift(() => rules.close());
    // The registration event is the cloud's own publish: it reaches the JITR activator's rule
    // (`$aws/events/certificates/registered/+`) through dispatch, as the same RuleEvent a client
    // publish would give, with the envelope of a message no client sent.
    jitr.handle = createJustInTimeRegistration(context, broker.bus, {
      onRegistered: (event) =>
        rules.dispatch({
          topic: caCertificateRegisteredTopic(event.caCertificateId),
          payload: new TextEncoder().encode(JSON.stringify(event)),
          qos: 1,
          retain: false,
          clientId: undefined,
          principal: undefined,
          certificateId: undefined,
          thingName: undefined,
          receivedAt: event.timestamp,
        }),
    });
    cleanup.unshift(() => rm(paths.endpoints, { force: true }));
    logger.info('local_cloud.ready', {
      dataDir: paths.root,
      iotEndpoint: host,
      mqttsPort,
      httpsPort,
      controlPort,
    });

    let closing: Promise<void> | undefined;
    return {
      endpoints,
      context,
      bus: broker.bus,
      close: () => (closing ??= runCleanup(cleanup, logger)),
    };
  } catch (error) {
    await runCleanup(cleanup, logger);
    throw error;
  }
}

async function prepareDataDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await access(dir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new LocalCloudError(
      'STARTUP',
      `Cannot use data directory "${dir}": ${(error as Error).message}; expected a readable and writable directory`,
      { cause: error },
    );
  }
}

function listen(
  server: HttpServer | HttpsServer | TlsServer,
  port: number,
  host: string,
  what: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      const reason =
        error.code === 'EADDRINUSE'
          ? `port ${port} on ${host} is already in use`
          : error.code === 'EACCES'
            ? `no permission to listen on port ${port} on ${host}`
            : error.message;
      reject(
        new LocalCloudError('STARTUP', `Cannot start the ${what}: ${reason}`, { cause: error }),
      );
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function closeServer(server: HttpServer | HttpsServer | TlsServer): Promise<void> {
  return new Promise((resolve) => {
    if ('closeAllConnections' in server) server.closeAllConnections();
    server.close(() => resolve());
  });
}

async function runCleanup(
  steps: (() => Promise<void> | void)[],
  logger: { warn(event: string, fields?: Record<string, unknown>): void },
): Promise<void> {
  for (const step of steps.splice(0)) {
    try {
      await step();
    } catch (error) {
      logger.warn('local_cloud.close_failed', { error });
    }
  }
}

function urlHost(address: string): string {
  if (address === '0.0.0.0' || address === '::') return '127.0.0.1';
  return address.includes(':') ? `[${address}]` : address;
}
