// Broker benchmark (issue 3): in one run, side by side,
//  1. QoS 1 one-to-one throughput through the local cloud (mTLS, full policy enforcement) vs a bare
//     Aedes broker over the same TLS with no hooks, and their ratio;
//  2. connection rate and broker memory for N mTLS device clients on the local cloud.
// Both brokers run as child processes, so the clients here do not share their event loop.
// Usage: npm run bench:broker [-- --messages 20000 --clients 500 --rounds 3]
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  CreateThingCommand,
  IoTClient,
} from '@aws-sdk/client-iot';
import { buildDevicePolicy } from '@iot-gateway-net/policy';
import mqtt from 'mqtt';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '20000' },
    clients: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '3' },
    window: { type: 'string', default: '100' },
    // Writes a V8 CPU profile of the local cloud process to this directory (open in Chrome DevTools).
    profile: { type: 'string' },
  },
});
const MESSAGES = Number(values.messages);
const CLIENTS = Number(values.clients);
const ROUNDS = Number(values.rounds);
const WINDOW = Number(values.window); // AWS allows 100 unacknowledged QoS 1 messages per connection

const root = resolve(import.meta.dirname, '../..');
const dataDir = await mkdtemp(join(tmpdir(), 'bench-broker-'));
const children = [];

function startChild(args, ready) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const value = ready(out);
      if (value !== undefined) resolvePromise({ child, value });
    });
    child.stderr.on('data', (chunk) => {
      for (const line of String(chunk).split('\n')) {
        if (/"level":"(warn|error)"/.test(line)) process.stderr.write(`[broker] ${line}\n`);
      }
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}

function rssMiB(pid) {
  return readFile(`/proc/${pid}/status`, 'utf8').then(
    (s) => Number(/VmRSS:\s+(\d+)/.exec(s)[1]) / 1024,
  );
}

try {
  // The local cloud (the real executable) with the per-connection publish quotas lifted, so the
  // benchmark measures the broker rather than AWS's 100 publishes/s and 512 KiB/s quotas.
  const cloud = await startChild(
    [
      ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(values.profile)}`] : []),
      join(root, 'apps/local-cloud/dist/main.js'),
      '--data-dir',
      dataDir,
      '--log-level',
      'warn',
      '--publish-rate-limit',
      '1000000',
      '--publish-bytes-limit',
      '1000000000',
    ],
    (out) => (out.includes('Local cloud ready') ? true : undefined),
  );
  const endpoints = JSON.parse(await readFile(join(dataDir, 'endpoints.json'), 'utf8'));
  const ca = await readFile(endpoints.rootCaPath);
  const iot = new IoTClient({
    endpoint: endpoints.controlPlaneUrl,
    region: endpoints.region,
    credentials: endpoints.controlPlaneCredentials,
  });
  const region = endpoints.region;
  const accountId = endpoints.accountId;
  await iot.send(
    new CreatePolicyCommand({
      policyName: 'amr-device',
      policyDocument: JSON.stringify(buildDevicePolicy({ region, accountId })),
    }),
  );
  // The operator side: may subscribe to and receive every AMR's topics (like the browser policy).
  await iot.send(
    new CreatePolicyCommand({
      policyName: 'bench-operator',
      policyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'iot:Connect',
            Resource: `arn:aws:iot:${region}:${accountId}:client/operator-*`,
          },
          {
            Effect: 'Allow',
            Action: 'iot:Subscribe',
            Resource: `arn:aws:iot:${region}:${accountId}:topicfilter/amr/*`,
          },
          {
            Effect: 'Allow',
            Action: 'iot:Receive',
            Resource: `arn:aws:iot:${region}:${accountId}:topic/amr/*`,
          },
        ],
      }),
    }),
  );

  async function identity(thingName, policyName) {
    const cert = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
    await iot.send(new AttachPolicyCommand({ policyName, target: cert.certificateArn }));
    if (thingName) {
      await iot.send(new CreateThingCommand({ thingName }));
      await iot.send(
        new AttachThingPrincipalCommand({ thingName, principal: cert.certificateArn }),
      );
    }
    return { cert: cert.certificatePem, key: cert.keyPair.PrivateKey };
  }

  const publisherId = await identity('AMR-BENCH', 'amr-device');
  const operatorId = await identity(undefined, 'bench-operator');

  const bare = await startChild(
    [
      join(import.meta.dirname, 'bare-aedes.mjs'),
      join(dataDir, 'tls/server.pem'),
      join(dataDir, 'tls/server.key'),
      endpoints.rootCaPath,
    ],
    (out) => (out.includes('\n') ? JSON.parse(out.split('\n')[0]).port : undefined),
  );

  async function connect(port, clientId, id) {
    return mqtt.connectAsync({
      protocol: 'mqtts',
      host: '127.0.0.1',
      servername: 'localhost',
      port,
      clientId,
      protocolVersion: 4,
      ca,
      cert: id.cert,
      key: id.key,
      reconnectPeriod: 0,
    });
  }

  async function throughput(port) {
    const sub = await connect(port, `operator-${Date.now()}`, operatorId);
    const pub = await connect(port, 'AMR-BENCH', publisherId);
    const topic = 'amr/AMR-BENCH/heartbeat';
    await sub.subscribeAsync(topic, { qos: 1 });
    const payload = Buffer.from(JSON.stringify({ thingName: 'AMR-BENCH', seq: 0, sentAt: 0 }));
    let received = 0;
    let timer;
    const done = new Promise((resolveDone, rejectDone) => {
      sub.on('message', () => ++received === MESSAGES && resolveDone());
      // Bounded: a lost message or a dropped connection fails the run instead of hanging it.
      timer = setTimeout(
        () =>
          rejectDone(new Error(`only ${received} of ${MESSAGES} messages arrived within 120 s`)),
        120_000,
      );
      for (const c of [sub, pub])
        c.on('close', () => rejectDone(new Error('a client was disconnected')));
    });
    const start = process.hrtime.bigint();
    let sent = 0;
    async function lane() {
      while (sent < MESSAGES) {
        sent++;
        await pub.publishAsync(topic, payload, { qos: 1 });
      }
    }
    await Promise.race([Promise.all(Array.from({ length: WINDOW }, lane)), done]);
    await done;
    clearTimeout(timer);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    await Promise.all([pub.endAsync(), sub.endAsync()]);
    return MESSAGES / seconds;
  }

  const bareRates = [];
  const cloudRates = [];
  for (let round = 0; round < ROUNDS; round++) {
    bareRates.push(await throughput(bare.value));
    cloudRates.push(await throughput(endpoints.mqttsPort));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

  // Connection rate and memory: N devices, each with its own certificate, thing and client id.
  const devices = [];
  for (let i = 0; i < CLIENTS; i++) {
    devices.push({
      thingName: `AMR-C${String(i).padStart(5, '0')}`,
      id: await identity(`AMR-C${String(i).padStart(5, '0')}`, 'amr-device'),
    });
  }
  async function connectAll(port, pid) {
    const before = await rssMiB(pid);
    const clients = [];
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < devices.length; i += 50) {
      clients.push(
        ...(await Promise.all(
          devices.slice(i, i + 50).map((d) => connect(port, d.thingName, d.id)),
        )),
      );
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const after = await rssMiB(pid);
    await Promise.all(clients.map((c) => c.endAsync()));
    return { connectsPerSec: CLIENTS / seconds, before, after };
  }
  const bareConnect = await connectAll(bare.value, bare.child.pid);
  const cloudConnect = await connectAll(endpoints.mqttsPort, cloud.child.pid);

  const result = {
    machine: `${(await import('node:os')).cpus().length} cores, Node ${process.version}`,
    messages: MESSAGES,
    rounds: ROUNDS,
    window: WINDOW,
    bareAedesMsgsPerSec: Math.round(median(bareRates)),
    localCloudMsgsPerSec: Math.round(median(cloudRates)),
    ratio: Number((median(cloudRates) / median(bareRates)).toFixed(3)),
    clients: CLIENTS,
    bareAedesConnectsPerSec: Math.round(bareConnect.connectsPerSec),
    localCloudConnectsPerSec: Math.round(cloudConnect.connectsPerSec),
    connectRatio: Number((cloudConnect.connectsPerSec / bareConnect.connectsPerSec).toFixed(3)),
    bareAedesRssMiBWithClients: Math.round(bareConnect.after),
    localCloudRssMiBBefore: Math.round(cloudConnect.before),
    localCloudRssMiBWithClients: Math.round(cloudConnect.after),
    localCloudRssKiBPerClient: Math.round(
      ((cloudConnect.after - cloudConnect.before) * 1024) / CLIENTS,
    ),
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  for (const child of children) child.kill('SIGTERM');
  await rm(dataDir, { recursive: true, force: true });
}
