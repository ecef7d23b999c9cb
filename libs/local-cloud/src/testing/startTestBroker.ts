import { createServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Server as TlsServer } from 'node:tls';
import { createTestPki, type TestPki } from '@iot-gateway-net/pki/testing';
import { createBroker } from '../lib/broker/createBroker.js';
import type { Broker, BrokerOptions } from '../lib/broker/types.js';
import type { Clock } from '../lib/context/Clock.js';
import type { CloudContext } from '../lib/context/CloudContext.js';
import type { CredentialRecord } from '../lib/context/CredentialStore.js';
import { createCredentialStore } from '../lib/context/createCredentialStore.js';
import { createJsonLogger } from '../lib/context/createJsonLogger.js';
import { createMetrics } from '../lib/context/createMetrics.js';
import { createDataPlane } from '../lib/data-plane/createDataPlane.js';
import { createRegistry } from '../lib/registry/createRegistry.js';
import type { CertificateRecord, Registry } from '../lib/registry/types.js';
import { createShadowService } from '../lib/shadow-service/createShadowService.js';
import { registerTestDevice, type TestDeviceRegistration } from './registerTestDevice.js';

/** A device registered by {@link TestBroker.device}. */
export interface TestBrokerDevice {
  readonly thingName: string;
  readonly certificate: CertificateRecord;
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

/** Options of {@link TestBroker.device}. */
export interface TestBrokerDeviceOptions
  extends Pick<TestDeviceRegistration, 'policies' | 'status'> {
  /** Create the thing and attach the certificate to it. Defaults to `true`. */
  readonly attachThing?: boolean;
}

/** Options of {@link startTestBroker}. */
export interface TestBrokerOptions {
  /** A temporary directory for the registry file; the caller removes it. */
  readonly dataDir: string;
  /** CA and `localhost` server certificate. Defaults to a fresh `createTestPki` from now. */
  readonly pki?: TestPki;
  /** Broker options besides the server certificate. */
  readonly broker?: Omit<BrokerOptions, 'serverCertPem' | 'serverKeyPem'>;
  /** SigV4 credentials the HTTPS server accepts. Defaults to none. */
  readonly credentials?: readonly CredentialRecord[];
  /** The clock {@link TestBroker.advance} adds to. Defaults to real time (TLS checks real time). */
  readonly clock?: Clock;
  /**
   * Also run the Device Shadow service and serve the data plane on the HTTPS server, which then
   * requests (but does not require) client certificates. Defaults to `false`: it answers 404.
   */
  readonly dataPlane?: boolean;
}

/** The pieces {@link startTestBroker} started, for integration specs below `startLocalCloud`. */
export interface TestBroker {
  readonly context: CloudContext;
  readonly registry: Registry;
  readonly broker: Broker;
  readonly pki: TestPki;
  /** Port of MQTT over TLS on 127.0.0.1 (connect as `localhost`). */
  readonly mqttsPort: number;
  /** `https://localhost:<port>`: the data plane when `dataPlane` is on. */
  readonly httpsUrl: string;
  /** `wss://localhost:<port>/mqtt`. */
  readonly wssUrl: string;
  /** JSON log lines written so far (debug level). */
  readonly logs: string[];
  /** Moves the cloud's clock forward (TLS itself uses real time). */
  advance(ms: number): void;
  /** Issues a certificate for `thingName` and registers it as the provisioning flow would. */
  device(thingName: string, options?: TestBrokerDeviceOptions): Promise<TestBrokerDevice>;
  /** TLS options for MQTT.js with a device's certificate. */
  tls(device: Pick<TestBrokerDevice, 'certificatePem' | 'privateKeyPem'>): {
    key: string;
    cert: string;
    ca: string;
  };
  /** Stops everything and closes the registry. */
  close(): Promise<void>;
}

const REGION = 'ap-northeast-1';
const ACCOUNT = '123456789012';

/**
 * Starts the local cloud's message path as `startLocalCloud` wires it, on 127.0.0.1 ports 0: a
 * registry file in `dataDir`, the broker with MQTT over TLS and MQTT over WebSocket on an HTTPS
 * server, and with `dataPlane` the Device Shadow service and the data plane on that server.
 */
export async function startTestBroker(options: TestBrokerOptions): Promise<TestBroker> {
  let offset = 0;
  const base = options.clock;
  const clock: Clock = { now: () => (base === undefined ? Date.now() : base.now()) + offset };
  const pki = options.pki ?? (await createTestPki({ now: new Date() }));
  const registry = createRegistry({
    path: join(options.dataDir, 'registry.sqlite'),
    region: REGION,
    accountId: ACCOUNT,
    clock,
  });
  const logs: string[] = [];
  const context: CloudContext = {
    region: REGION,
    accountId: ACCOUNT,
    endpointHost: 'localhost',
    registry,
    credentials: createCredentialStore([...(options.credentials ?? [])]),
    ca: pki.ca,
    rootCaPem: pki.ca.certificatePem,
    clock,
    logger: createJsonLogger({ level: 'debug', clock, write: (line) => void logs.push(line) }),
    metrics: createMetrics(),
  };
  const broker = await createBroker(context, {
    ...options.broker,
    serverCertPem: pki.server.certificatePem,
    serverKeyPem: pki.server.privateKeyPem,
  });
  const shadows = options.dataPlane === true ? createShadowService(context, broker.bus) : undefined;
  const dataPlane =
    shadows === undefined ? undefined : createDataPlane(context, broker.bus, shadows);
  const https = createServer(
    {
      key: pki.server.privateKeyPem,
      cert: pki.server.certificatePem,
      minVersion: 'TLSv1.2',
      ...(dataPlane === undefined
        ? {}
        : { ca: [context.rootCaPem], requestCert: true, rejectUnauthorized: false }),
    },
    (req, res) => (dataPlane === undefined ? res.writeHead(404).end() : dataPlane.handle(req, res)),
  );
  broker.attachWebSocket(https);
  const mqttsPort = await listen(broker.mqttsServer);
  const httpsPort = await listen(https);

  return {
    context,
    registry,
    broker,
    pki,
    mqttsPort,
    httpsUrl: `https://localhost:${httpsPort}`,
    wssUrl: `wss://localhost:${httpsPort}/mqtt`,
    logs,
    advance: (ms) => void (offset += ms),
    async device(thingName, deviceOptions = {}) {
      const issued = await pki.issueDevice({ thingName });
      const certificate = registerTestDevice(registry, {
        certificatePem: issued.certificatePem,
        creationDate: clock.now(),
        ...(deviceOptions.attachThing === false ? {} : { thingName }),
        ...(deviceOptions.policies === undefined ? {} : { policies: deviceOptions.policies }),
        ...(deviceOptions.status === undefined ? {} : { status: deviceOptions.status }),
      });
      return {
        thingName,
        certificate,
        certificatePem: issued.certificatePem,
        privateKeyPem: issued.privateKeyPem,
      };
    },
    tls: (device) => ({
      key: device.privateKeyPem,
      cert: device.certificatePem,
      ca: pki.ca.certificatePem,
    }),
    async close() {
      await shadows?.close();
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
