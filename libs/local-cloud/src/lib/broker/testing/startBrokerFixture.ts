import type { EventEmitter } from 'node:events';
import { createServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Server as TlsServer } from 'node:tls';
import type { PolicyDocument } from '@iot-gateway-net/policy';
import {
  createTestPki,
  type TestDeviceCertificate,
  type TestPki,
} from '@iot-gateway-net/pki/testing';
import type { CloudContext } from '../../context/CloudContext.js';
import type { CredentialRecord } from '../../context/CredentialStore.js';
import { createCredentialStore } from '../../context/createCredentialStore.js';
import { createJsonLogger } from '../../context/createJsonLogger.js';
import { createMetrics } from '../../context/createMetrics.js';
import { createRegistry } from '../../registry/createRegistry.js';
import type { CertificateRecord, CertificateStatus, Registry } from '../../registry/types.js';
import { createBroker } from '../createBroker.js';
import type { Broker, BrokerOptions } from '../types.js';

/** A device registered by {@link BrokerFixture.device}. */
export interface FixtureDevice {
  readonly thingName: string;
  readonly certificate: CertificateRecord;
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

/** Options of {@link BrokerFixture.device}. */
export interface FixtureDeviceOptions {
  /** Policies to create (by name, if missing) and attach to the certificate. Defaults to none. */
  readonly policies?: Readonly<Record<string, PolicyDocument>>;
  /** Defaults to `'ACTIVE'`. */
  readonly status?: CertificateStatus;
  /** Create the thing and attach the certificate to it. Defaults to `true`. */
  readonly attachThing?: boolean;
}

/** A broker on ephemeral ports with a registry in a temporary directory, for integration specs. */
export interface BrokerFixture {
  readonly ctx: CloudContext;
  readonly registry: Registry;
  readonly broker: Broker;
  readonly pki: TestPki;
  /** Port of MQTT over TLS on 127.0.0.1 (connect as `localhost`). */
  readonly mqttsPort: number;
  /** `wss://localhost:<port>/mqtt`. */
  readonly wssUrl: string;
  /** JSON log lines written so far. */
  readonly logs: string[];
  /** Moves the broker's clock forward (TLS itself uses real time). */
  advance(ms: number): void;
  /** Issues a certificate for `thingName` and registers it as the provisioning flow would. */
  device(thingName: string, options?: FixtureDeviceOptions): Promise<FixtureDevice>;
  /** TLS options for MQTT.js with a device's certificate. */
  tls(device: Pick<FixtureDevice, 'certificatePem' | 'privateKeyPem'>): {
    key: string;
    cert: string;
    ca: string;
  };
  close(): Promise<void>;
}

/** Options of {@link startBrokerFixture}. */
export interface BrokerFixtureOptions {
  /** A temporary directory for the registry file; the caller removes it. */
  readonly dataDir: string;
  /** Broker options besides the server certificate. */
  readonly broker?: Omit<BrokerOptions, 'serverCertPem' | 'serverKeyPem'>;
  /** SigV4 credentials the WebSocket endpoint accepts. */
  readonly credentials?: readonly CredentialRecord[];
}

const REGION = 'ap-northeast-1';
const ACCOUNT = '123456789012';

/**
 * Starts the broker as `startLocalCloud` wires it, on 127.0.0.1 ports 0: a registry file in
 * `dataDir`, a fresh test PKI (server certificate for localhost), MQTT over TLS and MQTT over
 * WebSocket on an HTTPS server. The clock is real time plus {@link BrokerFixture.advance}.
 */
export async function startBrokerFixture(options: BrokerFixtureOptions): Promise<BrokerFixture> {
  let offset = 0;
  const clock = { now: () => Date.now() + offset };
  const pki = await createTestPki({ now: new Date() });
  const registry = createRegistry({
    path: join(options.dataDir, 'registry.sqlite'),
    region: REGION,
    accountId: ACCOUNT,
    clock,
  });
  const logs: string[] = [];
  const ctx: CloudContext = {
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
  const broker = await createBroker(ctx, {
    ...options.broker,
    serverCertPem: pki.server.certificatePem,
    serverKeyPem: pki.server.privateKeyPem,
  });
  const https = createServer(
    {
      key: pki.server.privateKeyPem,
      cert: pki.server.certificatePem,
      minVersion: 'TLSv1.2',
    },
    (_req, res) => res.writeHead(404).end(),
  );
  broker.attachWebSocket(https);
  const mqttsPort = await listen(broker.mqttsServer);
  const httpsPort = await listen(https);

  const register = (
    issued: TestDeviceCertificate,
    thingName: string,
    deviceOptions: FixtureDeviceOptions,
  ): CertificateRecord => {
    const certificateArn = `arn:aws:iot:${REGION}:${ACCOUNT}:cert/${issued.certificateId}`;
    return registry.transaction(() => {
      const certificate = registry.insertCertificate({
        certificateId: issued.certificateId,
        certificateArn,
        certificatePem: issued.certificatePem,
        status: deviceOptions.status ?? 'ACTIVE',
        creationDate: clock.now(),
        notBefore: issued.notBefore.getTime(),
        notAfter: issued.notAfter.getTime(),
        certificateMode: 'DEFAULT',
        origin: 'api',
      });
      if (deviceOptions.attachThing !== false) {
        if (registry.getThing(thingName) === undefined) {
          registry.createThing({ thingName });
        }
        registry.attachThingPrincipal(thingName, certificateArn);
      }
      for (const [name, document] of Object.entries(deviceOptions.policies ?? {})) {
        if (registry.getPolicy(name) === undefined) {
          registry.createPolicy(name, JSON.stringify(document));
        }
        registry.attachPolicy(name, certificateArn);
      }
      return certificate;
    });
  };

  return {
    ctx,
    registry,
    broker,
    pki,
    mqttsPort,
    wssUrl: `wss://localhost:${httpsPort}/mqtt`,
    logs,
    advance: (ms) => void (offset += ms),
    async device(thingName, deviceOptions = {}) {
      const issued = await pki.issueDevice({ thingName });
      const certificate = register(issued, thingName, deviceOptions);
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
      await closeServer(https);
      await closeServer(broker.mqttsServer);
      await broker.close();
      registry.close();
    },
  };
}

/**
 * Resolves with the arguments of the next `event` of `emitter`, or rejects after `timeoutMs`
 * (defaults to `5000`) naming the event.
 */
export function nextEvent(source: object, event: string, timeoutMs = 5000): Promise<unknown[]> {
  // MQTT.js clients are typed emitters; specs also wait on events they emit themselves.
  const emitter = source as EventEmitter;
  return new Promise((resolve, reject) => {
    const listener = (...args: unknown[]): void => {
      clearTimeout(timer);
      resolve(args);
    };
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`No "${event}" event within ${timeoutMs} ms`));
    }, timeoutMs);
    emitter.once(event, listener);
  });
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

/** Emits `event` on `target` (an MQTT.js client in specs), which the typed emitters do not allow. */
export function emitEvent(target: object, event: string, ...args: unknown[]): void {
  (target as EventEmitter).emit(event, ...args);
}
