import { createServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Server as TlsServer } from 'node:tls';
import type { CertificateAuthority } from '@iot-gateway-net/pki';
import { createBroker } from '../../broker/createBroker.js';
import type { Broker } from '../../broker/types.js';
import type { Clock } from '../../context/Clock.js';
import type { CloudContext } from '../../context/CloudContext.js';
import type { CredentialRecord } from '../../context/CredentialStore.js';
import { createCredentialStore } from '../../context/createCredentialStore.js';
import { createJsonLogger } from '../../context/createJsonLogger.js';
import { createMetrics } from '../../context/createMetrics.js';
import { systemClock } from '../../context/systemClock.js';
import { createRegistry } from '../../registry/createRegistry.js';
import { createShadowService } from '../../shadow-service/createShadowService.js';
import type { ShadowService } from '../../shadow-service/types.js';
import { createDataPlane } from '../createDataPlane.js';

/** Options of {@link startTestCloud}. */
export interface TestCloudOptions {
  /** A temporary directory for the registry file; the caller removes it. */
  dataDir: string;
  /** The local root CA: clients trust it, and device certificates chain to it. */
  ca: CertificateAuthority;
  /** TLS server certificate for `localhost` / `127.0.0.1`, issued by `ca`. */
  server: { certificatePem: string; privateKeyPem: string };
  /** SigV4 credentials the data plane accepts. Defaults to none. */
  credentials?: CredentialRecord[];
  /** Defaults to the system clock (TLS and certificates check real time). */
  clock?: Clock;
}

/** The pieces {@link startTestCloud} started. */
export interface TestCloud {
  readonly context: CloudContext;
  readonly broker: Broker;
  readonly shadows: ShadowService;
  /** Port of MQTT over TLS on 127.0.0.1. */
  readonly mqttsPort: number;
  /** `https://localhost:<port>`: the data plane (and MQTT over WebSocket at `/mqtt`). */
  readonly httpsUrl: string;
  /** Stops everything and closes the registry. */
  close(): Promise<void>;
}

/**
 * Test assembly of the local cloud's message path, as `startLocalCloud` wires it: a registry in
 * `dataDir`, the broker, the Device Shadow service on it and the data plane on an HTTPS server that
 * requests (but does not require) client certificates, all on ephemeral ports of 127.0.0.1. Logs are
 * dropped. For the shadow and data-plane integration specs.
 */
export async function startTestCloud(options: TestCloudOptions): Promise<TestCloud> {
  const clock = options.clock ?? systemClock;
  const region = 'ap-northeast-1';
  const accountId = '123456789012';
  const registry = createRegistry({
    path: join(options.dataDir, 'registry.sqlite'),
    region,
    accountId,
    clock,
  });
  const context: CloudContext = {
    region,
    accountId,
    endpointHost: 'localhost',
    registry,
    credentials: createCredentialStore(options.credentials ?? []),
    ca: options.ca,
    rootCaPem: options.ca.certificatePem,
    clock,
    logger: createJsonLogger({ write: () => undefined }),
    metrics: createMetrics(),
  };
  const broker = await createBroker(context, {
    serverCertPem: options.server.certificatePem,
    serverKeyPem: options.server.privateKeyPem,
    // Specs reconnect the same client id within a second.
    connectIntervalMs: 0,
  });
  const shadows = createShadowService(context, broker.bus);
  const dataPlane = createDataPlane(context, broker.bus, shadows);
  const https = createServer(
    {
      key: options.server.privateKeyPem,
      cert: options.server.certificatePem,
      ca: [context.rootCaPem],
      requestCert: true,
      rejectUnauthorized: false,
      minVersion: 'TLSv1.2',
    },
    (req, res) => dataPlane.handle(req, res),
  );
  broker.attachWebSocket(https);
  const mqttsPort = await listen(broker.mqttsServer);
  const httpsPort = await listen(https);
  return {
    context,
    broker,
    shadows,
    mqttsPort,
    httpsUrl: `https://localhost:${httpsPort}`,
    async close() {
      await shadows.close();
      await closeServer(https);
      await closeServer(broker.mqttsServer);
      await broker.close();
      registry.close();
    },
  };
}

function listen(server: HttpsServer | TlsServer): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: HttpsServer | TlsServer): Promise<void> {
  return new Promise((resolve) => {
    if ('closeAllConnections' in server) server.closeAllConnections();
    server.close(() => resolve());
  });
}
