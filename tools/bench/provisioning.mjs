// Provisioning-storm benchmark (issue 4): N robots (default 1,000) each connect with the claim
// certificate, run CreateCertificateFromCsr + RegisterThing over MQTT, and reconnect with their new
// production certificate as their thing. Reports devices/s, p50/p99 per device, the time of each
// step, the CPU the local cloud and the simulated robots used per device, and the local cloud's
// peak RSS. The local cloud is the real executable in a child process; the robots run in a worker
// thread (provisioning-robots.mjs; more with --workers), apart from this process's main thread.
//
// Several --cloud executables (e.g. a build saved before a change, and the current one) are run one
// after the other in the same invocation, alternating for --rounds > 1, so that they are compared
// on the same machine under the same load.
// Usage: npm run bench:provisioning [-- --devices 1000 --concurrency 50 --workers 1]
//        node tools/bench/provisioning.mjs --cloud /tmp/before/main.js --cloud apps/local-cloud/dist/main.js --rounds 3
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  CreateProvisioningTemplateCommand,
  IoTClient,
  RegisterCertificateWithoutCACommand,
} from '@aws-sdk/client-iot';
import { createSelfSignedCertificate } from '@iot-gateway-net/pki';
import { buildClaimPolicy, buildDevicePolicy } from '@iot-gateway-net/policy';
import { buildFleetProvisioningTemplate } from '@iot-gateway-net/provisioning-templates';

const root = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '50' },
    // Worker threads the robots are spread over (the concurrency is split between them). One is
    // fastest on 2 cores: a second adds its own JIT warm-up and contends with the local cloud.
    workers: { type: 'string', default: '1' },
    // Local cloud executables to compare; defaults to the one built in this checkout.
    cloud: {
      type: 'string',
      multiple: true,
      default: [join(root, 'apps/local-cloud/dist/main.js')],
    },
    // Runs of each executable, alternating; the median run of each is summarised.
    rounds: { type: 'string', default: '1' },
    // Writes a V8 CPU profile of each local cloud process to this directory.
    profile: { type: 'string' },
  },
});
const DEVICES = Number(values.devices);
const CONCURRENCY = Number(values.concurrency);
const WORKERS = Math.max(1, Math.min(Number(values.workers), CONCURRENCY));
const ROUNDS = Number(values.rounds);
const TEMPLATE = 'amr-fleet';
// A storm that has not finished by then has hung (a refused CONNECT never settles in MQTT.js).
const STORM_TIMEOUT_MS = 600_000;
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat. */
async function processCpuSeconds(pid) {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of proc(5) (utime, stime) are the 12th and 13th after the command name.
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

async function startCloud(executable, dataDir) {
  const cloud = spawn(
    process.execPath,
    [
      ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(values.profile)}`] : []),
      resolve(executable),
      '--data-dir',
      dataDir,
      '--log-level',
      'warn',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise((ready, fail) => {
    let out = '';
    cloud.stdout.on('data', (c) => (out += c) && out.includes('Local cloud ready') && ready());
    cloud.once('exit', (code) => fail(new Error(`local cloud ${executable} exited with ${code}`)));
  });
  return cloud;
}

/** Policies, the fleet template and one claim certificate, through the real SDK. */
async function setUp(endpoints) {
  const iot = new IoTClient({
    endpoint: endpoints.controlPlaneUrl,
    region: endpoints.region,
    credentials: { ...endpoints.controlPlaneCredentials },
  });
  const scope = { region: endpoints.region, accountId: endpoints.accountId };
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
      provisioningRoleArn: `arn:aws:iam::${endpoints.accountId}:role/fleet-provisioning`,
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
  iot.destroy();
  return { certificatePem: claim.certificatePem, privateKeyPem: claim.privateKeyPem };
}

/** Starts the workers, lets them all go at once, and collects every robot's timings. */
async function storm(endpoints, claim) {
  const ca = await readFile(endpoints.rootCaPath, 'utf8');
  const workers = Array.from({ length: WORKERS }, (_, w) => {
    const serials = [];
    for (let i = w; i < DEVICES; i += WORKERS) serials.push(`AMR-${String(i).padStart(5, '0')}`);
    const concurrency = Math.floor(CONCURRENCY / WORKERS) + (w < CONCURRENCY % WORKERS ? 1 : 0);
    return new Worker(new URL('./provisioning-robots.mjs', import.meta.url), {
      workerData: { endpoints, ca, claim, template: TEMPLATE, serials, concurrency },
    });
  });
  const message = (worker, type) =>
    new Promise((resolveMessage, reject) => {
      const onMessage = (m) => {
        if (m.type === type) resolveMessage(m);
        else if (m.type === 'failed') reject(new Error(m.message));
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`a robot worker exited with ${code}`)));
    });
  await Promise.all(workers.map((w) => message(w, 'ready')));
  const done = Promise.all(workers.map((w) => message(w, 'done')));
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error('the storm did not finish in time')),
      STORM_TIMEOUT_MS,
    );
  });
  const t0 = performance.now();
  for (const w of workers) w.postMessage('go');
  try {
    const reports = await Promise.race([done, timeout]);
    return { seconds: (performance.now() - t0) / 1000, reports };
  } finally {
    clearTimeout(timer);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

async function run(executable) {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-provisioning-'));
  const cloud = await startCloud(executable, dataDir);
  try {
    const endpoints = JSON.parse(await readFile(join(dataDir, 'endpoints.json'), 'utf8'));
    const claim = await setUp(endpoints);

    let peakRssMiB = 0;
    const sampler = setInterval(async () => {
      const status = await readFile(`/proc/${cloud.pid}/status`, 'utf8').catch(() => '');
      const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peakRssMiB = Math.max(peakRssMiB, kib / 1024);
    }, 100);
    const cloudCpu0 = await processCpuSeconds(cloud.pid);
    const robotsCpu0 = process.cpuUsage();
    const { seconds, reports } = await storm(endpoints, claim);
    const robotsCpu = process.cpuUsage(robotsCpu0);
    const cloudCpu = (await processCpuSeconds(cloud.pid)) - cloudCpu0;
    clearInterval(sampler);

    const results = reports.flatMap((r) => r.results);
    const totals = results.map((r) => r.totalMs).sort((a, b) => a - b);
    const pct = (p) =>
      Math.round(totals[Math.min(totals.length - 1, Math.floor(p * totals.length))]);
    const phaseNames = reports[0]?.phaseNames ?? [];
    const meanPhaseMs = Object.fromEntries(
      phaseNames.map((name, i) => [
        name,
        Math.round(results.reduce((sum, r) => sum + r.phases[i], 0) / results.length),
      ]),
    );
    return {
      cloud: executable,
      totalSeconds: Number(seconds.toFixed(2)),
      devicesPerSecond: Number((DEVICES / seconds).toFixed(1)),
      p50Ms: pct(0.5),
      p99Ms: pct(0.99),
      meanPhaseMs,
      // CPU time over the storm per device: the local cloud's process, and this process (the robots'
      // worker threads plus the main thread, which only waits).
      cloudCpuMsPerDevice: Number(((cloudCpu * 1000) / DEVICES).toFixed(2)),
      robotsCpuMsPerDevice: Number(
        ((robotsCpu.user + robotsCpu.system) / 1000 / DEVICES).toFixed(2),
      ),
      peakLocalCloudRssMiB: Math.round(peakRssMiB),
      sessionsReused: reports.reduce((sum, r) => sum + r.sessionsReused, 0),
    };
  } finally {
    const exited = new Promise((r) => cloud.once('exit', r));
    cloud.kill('SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  }
}

const runs = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const executable of values.cloud) {
    const result = await run(executable);
    console.error(JSON.stringify({ round, ...result }));
    runs.push(result);
  }
}
const medianRun = (executable) => {
  const mine = runs
    .filter((r) => r.cloud === executable)
    .sort((a, b) => a.totalSeconds - b.totalSeconds);
  return mine[Math.floor(mine.length / 2)];
};
console.log(
  JSON.stringify(
    {
      machine: `${cpus().length} cores, Node ${process.version}`,
      devices: DEVICES,
      concurrency: CONCURRENCY,
      workers: WORKERS,
      rounds: ROUNDS,
      median: values.cloud.map(medianRun),
    },
    null,
    2,
  ),
);
