// Worker thread of the provisioning-storm benchmark (provisioning.mjs): simulates its share of the
// robots. Each robot does what a real one does on first boot, with nothing shared between robots
// but the claim certificate the benchmark registered: connect with the claim certificate → make its
// own EC key and CSR → CreateCertificateFromCsr → RegisterThing (MQTT, json) → disconnect → connect
// with its new production certificate as its thing. Every connection is a full TLS handshake with
// its own secure context (no session resumption); the worker counts any resumed session.
import { parentPort, workerData } from 'node:worker_threads';
import { createCsr, generateKeyPair } from '@iot-gateway-net/pki';
import { createProvisioningClient, fromMqttJs } from '@iot-gateway-net/provisioning';
import mqtt from 'mqtt';

const { endpoints, ca, claim, template, serials, concurrency } = workerData;
const PHASES = [
  'claimConnect',
  'keyAndCsr',
  'createCertificateFromCsr',
  'registerThing',
  'claimDisconnect',
  'productionConnect',
];

let sessionsReused = 0;

async function connect(clientId, cert, key) {
  const client = await mqtt.connectAsync({
    protocol: 'mqtts',
    host: endpoints.iotEndpoint,
    port: endpoints.mqttsPort,
    clientId,
    protocolVersion: 4,
    ca,
    cert,
    key,
    reconnectPeriod: 0,
  });
  if (client.stream.isSessionReused?.()) sessionsReused++;
  return client;
}

async function robot(serial) {
  const marks = [performance.now()];
  const mark = () => marks.push(performance.now());
  const claimConnection = await connect(
    `claim-${serial}`,
    claim.certificatePem,
    claim.privateKeyPem,
  );
  mark();
  const client = createProvisioningClient({
    connection: fromMqttJs(claimConnection),
    retry: { attempts: 3 },
  });
  const keys = await generateKeyPair();
  const csr = await createCsr({ keys, commonName: serial });
  mark();
  const created = await client.createCertificateFromCsr(csr);
  mark();
  const thing = await client.registerThing(template, {
    certificateOwnershipToken: created.certificateOwnershipToken,
    parameters: { SerialNumber: serial },
  });
  mark();
  await client.dispose();
  await claimConnection.endAsync();
  mark();
  const production = await connect(thing.thingName, created.certificatePem, keys.privateKeyPem);
  mark();
  await production.endAsync();
  return marks.slice(1).map((t, i) => t - marks[i]);
}

parentPort.postMessage({ type: 'ready' });
parentPort.once('message', async () => {
  try {
    const results = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, serials.length) }, async () => {
        while (next < serials.length) {
          const serial = serials[next++];
          const started = performance.now();
          const phases = await robot(serial);
          results.push({ totalMs: performance.now() - started, phases });
        }
      }),
    );
    parentPort.postMessage({ type: 'done', results, sessionsReused, phaseNames: PHASES });
  } catch (error) {
    parentPort.postMessage({ type: 'failed', message: error?.stack ?? String(error) });
  }
});
