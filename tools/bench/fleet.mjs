// Simulator-mode benchmark (issue 5): N simulated AMRs (default 1,000) in ONE process, each running
// the real daemon engine (startDevice + robot runtime + simulated robot) with its own claim
// credential and state directory, against the local cloud executable in a child process.
// Reports: time until all N are operating (first boot by claim: CSR, RegisterThing, reconnect),
// then, over a steady window, the CPU of the fleet process and of the cloud, the fleet process's
// RSS (and per robot), event-loop delay p99 of the fleet process, and messages the cloud received;
// then the command round trip with all N connected: an operator connection (its own certificate
// and least-privilege policy) publishes `amr/<thing>/cmd/call` to random robots and times the
// `accepted`/`rejected` acknowledgement and the robot's next status (p50/p99). Finally one robot
// alone: the built `device-daemon` executable as its own process, RSS and idle CPU.
// Usage: npm run bench:fleet [-- --robots 1000 --window 30 --commands 500]
//        node tools/bench/fleet.mjs --cloud /tmp/before/apps/local-cloud/dist/main.js   (another build)
import { fork, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  AttachPolicyCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  IoTClient,
} from '@aws-sdk/client-iot';
import {
  DAEMON_NODE_OPTIONS,
  parseDeviceConfig,
  startSimulatedFleet,
} from '@iot-gateway-net/device';
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
    // Commands sent for the round-trip measurement (one every 20 ms).
    commands: { type: 'string', default: '500' },
    // The local cloud executable: another build (e.g. one saved before a change) to compare.
    cloud: { type: 'string' },
    // Writes a V8 CPU profile of the local cloud process to this directory.
    profile: { type: 'string' },
  },
});
const ROBOTS = Number(values.robots);
const WINDOW_S = Number(values.window);
const COMMANDS = Number(values.commands);

function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
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
    ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(values.profile)}`] : []),
    values.cloud === undefined
      ? join(root, 'apps/local-cloud/dist/main.js')
      : resolve(values.cloud),
    '--data-dir',
    join(dir, 'cloud'),
    '--log-level',
    'error',
  ],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
let fleet;
let operator;
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

  // Command round trip with the whole fleet connected.
  const operatorCert = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
  const arn = (kind, name) => `arn:aws:iot:${e.region}:${e.accountId}:${kind}/${name}`;
  await iot.send(
    new CreatePolicyCommand({
      policyName: 'bench-operator',
      policyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'iot:Connect', Resource: arn('client', 'bench-operator') },
          { Effect: 'Allow', Action: 'iot:Publish', Resource: arn('topic', 'amr/*/cmd/call') },
          {
            Effect: 'Allow',
            Action: 'iot:Subscribe',
            Resource: [
              arn('topicfilter', 'amr/+/cmd/call/ack'),
              arn('topicfilter', 'amr/+/status'),
              arn('topicfilter', 'amr/+/heartbeat'),
            ],
          },
          { Effect: 'Allow', Action: 'iot:Receive', Resource: arn('topic', 'amr/*') },
        ],
      }),
    }),
  );
  await iot.send(
    new AttachPolicyCommand({ policyName: 'bench-operator', target: operatorCert.certificateArn }),
  );
  operator = fork(join(root, 'tools/bench/fleet-operator.mjs'), { stdio: 'inherit' });
  const reply = (type) =>
    new Promise((r) =>
      operator.on('message', function on(m) {
        if (m.type !== type) return;
        operator.off('message', on);
        r(m);
      }),
    );
  operator.send({
    type: 'connect',
    options: {
      protocol: 'mqtts',
      host: e.iotEndpoint,
      port: e.mqttsPort,
      ca: await readFile(e.rootCaPath, 'utf8'),
      cert: operatorCert.certificatePem,
      key: operatorCert.keyPair.PrivateKey,
      clientId: 'bench-operator',
      protocolVersion: 4,
      reconnectPeriod: 0,
    },
  });
  await reply('connected');
  // GC pauses of the fleet process while the commands run: what its robots' answers wait behind.
  const gcPauses = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcPauses.push(entry.duration);
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const rtDelay = monitorEventLoopDelay({ resolution: 10 });
  rtDelay.enable();
  operator.send({
    type: 'roundTrip',
    things: fleet.members.map((m) => m.device.status().thingName),
    commands: COMMANDS,
    gapMs: 20,
  });
  const { ackMs, statusMs, rejected } = await reply('roundTrip');
  rtDelay.disable();
  gcObserver.disconnect();
  ackMs.sort((a, b) => a - b);
  statusMs.sort((a, b) => a - b);
  gcPauses.sort((a, b) => a - b);
  console.log(
    [
      `command round trip with ${ROBOTS} robots connected (${COMMANDS} calls, one per 20 ms, operator in its own process):`,
      `  acknowledged           ${ackMs.length}/${COMMANDS} (${rejected} rejected: robot busy)`,
      `  ack p50 / p99 / max    ${percentile(ackMs, 50).toFixed(1)} / ${percentile(ackMs, 99).toFixed(1)} / ${(ackMs.at(-1) ?? NaN).toFixed(1)} ms`,
      `  status back p50 / p99  ${percentile(statusMs, 50).toFixed(1)} / ${percentile(statusMs, 99).toFixed(1)} ms (${statusMs.length} statuses)`,
      `  fleet event-loop delay p99 / max  ${(rtDelay.percentile(99) / 1e6).toFixed(1)} / ${(rtDelay.max / 1e6).toFixed(1)} ms`,
      `  fleet GC pauses        ${gcPauses.length}, longest ${(gcPauses.at(-1) ?? 0).toFixed(1)} ms, over 20 ms: ${gcPauses.filter((d) => d > 20).length}`,
    ].join('\n'),
  );
  const fleet0Thing = fleet.members[0].device.status().thingName;
  await fleet.stop();
  fleet = undefined;

  // One robot alone: the daemon executable as systemd runs it.
  const solo = configs[0];
  const soloPath = join(dir, 'solo-config.json');
  await writeFile(
    soloPath,
    JSON.stringify({
      endpoint: solo.endpoint,
      serialNumber: solo.serialNumber,
      provisioning: { templateName: solo.provisioning.templateName },
      paths: solo.paths,
      logLevel: 'warn',
    }),
  );
  const soloThing = fleet0Thing;
  operator.send({ type: 'awaitHeartbeat', thing: soloThing });
  const daemon = spawn(
    process.execPath,
    [
      ...DAEMON_NODE_OPTIONS,
      join(root, 'apps/device-daemon/dist/main.js'),
      'run',
      '--config',
      soloPath,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  // Measured from its first live heartbeat on: connected with its production certificate, operating.
  const beat = reply('heartbeat');
  const noBeat = new Promise((_, j) =>
    setTimeout(() => j(new Error('the daemon sent no heartbeat in 60 s')), 60_000).unref(),
  );
  await Promise.race([beat, noBeat]);
  operator.send({ type: 'end' });
  const daemonCpu0 = await processCpuSeconds(daemon.pid);
  await new Promise((r) => setTimeout(r, WINDOW_S * 1000));
  const daemonCpu1 = await processCpuSeconds(daemon.pid);
  const status = await readFile(`/proc/${daemon.pid}/status`, 'utf8');
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const peakKiB = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  daemon.kill('SIGTERM');
  await new Promise((r) => daemon.once('exit', r));
  console.log(
    [
      `one robot (device-daemon process, simulated robot, heartbeat 10 s) over ${WINDOW_S} s:`,
      `  RSS (peak)             ${(rssKiB / 1024).toFixed(1)} MiB (${(peakKiB / 1024).toFixed(1)} MiB)`,
      `  CPU                    ${(((daemonCpu1 - daemonCpu0) / WINDOW_S) * 100).toFixed(2)} % of one core`,
    ].join('\n'),
  );
  iot.destroy();
} finally {
  await fleet?.stop();
  operator?.kill();
  cloud.kill('SIGTERM');
  await new Promise((r) => cloud.once('exit', r));
  await rm(dir, { recursive: true, force: true });
}
