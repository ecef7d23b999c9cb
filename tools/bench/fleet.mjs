// Simulator-mode benchmark (issue 5): N simulated AMRs (default 1,000) in ONE process, each running
// the real daemon engine (startDevice + robot runtime + simulated robot) with its own claim
// credential and state directory, against the local cloud executable in a child process.
// Reports: time until all N are operating (first boot by claim: CSR, RegisterThing, reconnect),
// then, over a steady window, the CPU of the fleet process and of the cloud, the fleet process's
// RSS (and per robot), event-loop delay p99 of the fleet process, and messages the cloud received.
// Usage: npm run bench:fleet [-- --robots 1000 --window 30]
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { IoTClient } from '@aws-sdk/client-iot';
import { parseDeviceConfig, startSimulatedFleet } from '@iot-gateway-net/device';
import {
  createClaimCredential,
  ensureFleetSetup,
  FLEET_SETUP_DEFAULTS,
  writeClaimCredential,
} from '@iot-gateway-net/fleet-setup';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const root = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    robots: { type: 'string', default: '1000' },
    // Seconds of steady state measured after the whole fleet is operating.
    window: { type: 'string', default: '30' },
  },
});
const ROBOTS = Number(values.robots);
const WINDOW_S = Number(values.window);
const CLOCK_TICKS_PER_SECOND = 100;

async function processCpuSeconds(pid) {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

async function metric(url, name) {
  const text = await (await fetch(url)).text();
  let sum = 0;
  for (const line of text.split('\n'))
    if (line.startsWith(name)) sum += Number(line.split(' ').pop());
  return sum;
}

async function waitForFile(file, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return JSON.parse(await readFile(file, 'utf8'));
    } catch {
      if (child.exitCode !== null) throw new Error(`local cloud exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error(`no ${file} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const dir = await mkdtemp(join(tmpdir(), 'bench-fleet-'));
const cloud = spawn(
  process.execPath,
  [
    join(root, 'apps/local-cloud/dist/main.js'),
    '--data-dir',
    join(dir, 'cloud'),
    '--log-level',
    'error',
  ],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
let fleet;
try {
  const e = await waitForFile(join(dir, 'cloud', 'endpoints.json'), cloud);
  const iot = new IoTClient({
    endpoint: e.controlPlaneUrl,
    region: e.region,
    credentials: { ...e.controlPlaneCredentials },
  });
  await ensureFleetSetup({
    iot,
    region: e.region,
    accountId: e.accountId,
    provisioningRoleArn: `arn:aws:iam::${e.accountId}:role/fleet-provisioning`,
  });
  const setupStart = performance.now();
  const configs = [];
  for (let i = 1; i <= ROBOTS; i++) {
    const serial = String(i).padStart(4, '0');
    const claim = await createClaimCredential({
      iot,
      now: new Date(),
      commonName: `claim-${serial}`,
    });
    const paths = await writeClaimCredential(join(dir, 'fleet', serial), claim);
    configs.push(
      parseDeviceConfig({
        endpoint: { host: e.iotEndpoint, port: e.mqttsPort },
        serialNumber: serial,
        provisioning: { templateName: FLEET_SETUP_DEFAULTS.templateName },
        paths: {
          rootCa: e.rootCaPath,
          claimCertificate: paths.certificatePath,
          claimPrivateKey: paths.privateKeyPath,
          stateDir: join(dir, 'fleet', serial, 'state'),
        },
        logLevel: 'error',
      }),
    );
  }
  iot.destroy();
  console.log(
    `set-up: ${ROBOTS} claim credentials in ${((performance.now() - setupStart) / 1000).toFixed(1)} s`,
  );

  const rssBefore = process.memoryUsage().rss;
  let errors = 0;
  const start = performance.now();
  fleet = await startSimulatedFleet({
    configs,
    logFor: () => ({ log: (level) => void (level === 'error' && errors++) }),
  });
  let operatingAt;
  for (;;) {
    const operating = fleet.members.filter((m) => {
      const s = m.device.status();
      return s.connected && s.rotationState === 'operating';
    }).length;
    if (operating === ROBOTS) {
      operatingAt = performance.now();
      break;
    }
    if (performance.now() - start > 600_000)
      throw new Error(`only ${operating}/${ROBOTS} operating after 600 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const bootS = (operatingAt - start) / 1000;
  console.log(
    `first boot by claim: ${ROBOTS} robots operating in ${bootS.toFixed(1)} s (${(ROBOTS / bootS).toFixed(0)}/s)`,
  );

  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const cpu0 = process.cpuUsage();
  const cloudCpu0 = await processCpuSeconds(cloud.pid);
  const in0 = await metric(e.metricsUrl, 'iot_broker_messages_in_total');
  await new Promise((r) => setTimeout(r, WINDOW_S * 1000));
  const cpu1 = process.cpuUsage(cpu0);
  const cloudCpu1 = await processCpuSeconds(cloud.pid);
  const in1 = await metric(e.metricsUrl, 'iot_broker_messages_in_total');
  delay.disable();
  const rss = process.memoryUsage().rss;
  const fleetCpu = (cpu1.user + cpu1.system) / 1e6 / WINDOW_S;
  const online = fleet.members.filter((m) => m.device.status().connected).length;
  console.log(
    [
      `steady state over ${WINDOW_S} s (${online}/${ROBOTS} online, ${errors} error log lines):`,
      `  fleet process CPU      ${(fleetCpu * 100).toFixed(1)} % of one core`,
      `  local cloud CPU        ${(((cloudCpu1 - cloudCpu0) / WINDOW_S) * 100).toFixed(1)} % of one core`,
      `  messages into cloud    ${((in1 - in0) / WINDOW_S).toFixed(0)} /s`,
      `  fleet process RSS      ${(rss / 2 ** 20).toFixed(0)} MiB (${((rss - rssBefore) / ROBOTS / 1024).toFixed(0)} KiB per robot)`,
      `  event-loop delay p99   ${(delay.percentile(99) / 1e6).toFixed(1)} ms`,
    ].join('\n'),
  );
} finally {
  await fleet?.stop();
  cloud.kill('SIGTERM');
  await new Promise((r) => cloud.once('exit', r));
  await rm(dir, { recursive: true, force: true });
}
