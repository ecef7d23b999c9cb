// Provisioning-storm benchmark (issue 4): N robots (default 1,000) each connect with the claim
// certificate, run CreateCertificateFromCsr + RegisterThing over MQTT, and reconnect with their new
// production certificate as their thing. Reports devices/s, p50/p99 per device and the local cloud's
// peak RSS. The local cloud is the real executable in a child process.
// Usage: npm run bench:provisioning [-- --devices 1000 --concurrency 50]
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  CreateProvisioningTemplateCommand,
  IoTClient,
  RegisterCertificateWithoutCACommand,
} from '@aws-sdk/client-iot';
import { createCsr, createSelfSignedCertificate, generateKeyPair } from '@iot-gateway-net/pki';
import { buildClaimPolicy, buildDevicePolicy } from '@iot-gateway-net/policy';
import { createProvisioningClient, fromMqttJs } from '@iot-gateway-net/provisioning';
import { buildFleetProvisioningTemplate } from '@iot-gateway-net/provisioning-templates';
import mqtt from 'mqtt';

const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '50' },
    // Writes a V8 CPU profile of the local cloud process to this directory.
    profile: { type: 'string' },
  },
});
const DEVICES = Number(values.devices);
const CONCURRENCY = Number(values.concurrency);
const TEMPLATE = 'amr-fleet';
const root = resolve(import.meta.dirname, '../..');
const dataDir = await mkdtemp(join(tmpdir(), 'bench-provisioning-'));

const cloud = spawn(
  process.execPath,
  [
    ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(values.profile)}`] : []),
    join(root, 'apps/local-cloud/dist/main.js'),
    '--data-dir',
    dataDir,
    '--log-level',
    'warn',
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
try {
  await new Promise((ready, fail) => {
    let out = '';
    cloud.stdout.on('data', (c) => (out += c) && out.includes('Local cloud ready') && ready());
    cloud.once('exit', (code) => fail(new Error(`local cloud exited with ${code}`)));
  });
  const e = JSON.parse(await readFile(join(dataDir, 'endpoints.json'), 'utf8'));
  const ca = await readFile(e.rootCaPath);
  const iot = new IoTClient({
    endpoint: e.controlPlaneUrl,
    region: e.region,
    credentials: { ...e.controlPlaneCredentials },
  });
  const scope = { region: e.region, accountId: e.accountId };
  await iot.send(
    new CreatePolicyCommand({
      policyName: 'amr-device',
      policyDocument: JSON.stringify(buildDevicePolicy(scope)),
    }),
  );
  await iot.send(
    new CreatePolicyCommand({
      policyName: 'amr-claim',
      policyDocument: JSON.stringify(buildClaimPolicy({ ...scope, templateName: TEMPLATE })),
    }),
  );
  await iot.send(
    new CreateProvisioningTemplateCommand({
      templateName: TEMPLATE,
      templateBody: buildFleetProvisioningTemplate({ productionPolicyName: 'amr-device' }),
      provisioningRoleArn: `arn:aws:iam::${e.accountId}:role/fleet-provisioning`,
      enabled: true,
    }),
  );
  // One claim certificate for the whole storm (the design recommends one per robot; the broker's
  // work per device is the same either way).
  const claim = await createSelfSignedCertificate({ now: new Date() });
  const registered = await iot.send(
    new RegisterCertificateWithoutCACommand({
      certificatePem: claim.certificatePem,
      status: 'ACTIVE',
    }),
  );
  await iot.send(
    new AttachPolicyCommand({ policyName: 'amr-claim', target: registered.certificateArn }),
  );

  const connect = (clientId, cert, key) =>
    mqtt.connectAsync({
      protocol: 'mqtts',
      host: e.iotEndpoint,
      port: e.mqttsPort,
      clientId,
      protocolVersion: 4,
      ca,
      cert,
      key,
      reconnectPeriod: 0,
    });

  async function device(serial) {
    const started = performance.now();
    const claimConnection = await connect(
      `claim-${serial}`,
      claim.certificatePem,
      claim.privateKeyPem,
    );
    const client = createProvisioningClient({
      connection: fromMqttJs(claimConnection),
      retry: { attempts: 3 },
    });
    const keys = await generateKeyPair();
    const created = await client.createCertificateFromCsr(
      await createCsr({ keys, commonName: serial }),
    );
    const thing = await client.registerThing(TEMPLATE, {
      certificateOwnershipToken: created.certificateOwnershipToken,
      parameters: { SerialNumber: serial },
    });
    await client.dispose();
    await claimConnection.endAsync();
    const production = await connect(thing.thingName, created.certificatePem, keys.privateKeyPem);
    await production.endAsync();
    return performance.now() - started;
  }

  let peakRssMiB = 0;
  const sampler = setInterval(async () => {
    const status = await readFile(`/proc/${cloud.pid}/status`, 'utf8').catch(() => '');
    const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    peakRssMiB = Math.max(peakRssMiB, kib / 1024);
  }, 100);

  const durations = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < DEVICES) {
        const serial = `AMR-${String(next++).padStart(5, '0')}`;
        durations.push(await device(serial));
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  durations.sort((a, b) => a - b);
  const pct = (p) =>
    Math.round(durations[Math.min(durations.length - 1, Math.floor(p * durations.length))]);
  console.log(
    JSON.stringify(
      {
        machine: `${cpus().length} cores, Node ${process.version}`,
        devices: DEVICES,
        concurrency: CONCURRENCY,
        totalSeconds: Number(seconds.toFixed(2)),
        devicesPerSecond: Number((DEVICES / seconds).toFixed(1)),
        p50Ms: pct(0.5),
        p99Ms: pct(0.99),
        peakLocalCloudRssMiB: Math.round(peakRssMiB),
      },
      null,
      2,
    ),
  );
  iot.destroy();
} finally {
  const exited = new Promise((r) => cloud.once('exit', r));
  cloud.kill('SIGTERM');
  await exited;
  await rm(dataDir, { recursive: true, force: true });
}
