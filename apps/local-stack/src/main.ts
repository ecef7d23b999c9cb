#!/usr/bin/env node
import { parseCommandLine, USAGE } from './lib/parseCommandLine.js';
import { renderSummary } from './lib/renderSummary.js';
import { startLocalStack } from './lib/startLocalStack.js';

// `npm start`: the local cloud, set up, with a simulated AMR fleet, and a live summary.
// Exit codes: 0 stopped normally, 1 could not start, 2 bad usage.

// The AWS SDK warns on Node 20 that its releases from 2027 need Node 22 (the move is planned, see
// the README); the warning would only push the live summary off the screen. The variable is the
// SDK's own switch and is read when the first client is created.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

let command;
try {
  command = parseCommandLine(process.argv.slice(2), process.stdout.isTTY === true);
} catch (error) {
  process.stderr.write(`local-stack: ${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (command.kind === 'help') {
  process.stdout.write(USAGE);
  process.exit(0);
}

process.stdout.write(
  `起動中: ローカルクラウドと模擬 AMR ${command.count} 台 / Starting the local cloud and ${command.count} simulated AMRs (${command.dataDir})\n`,
);
try {
  const stack = await startLocalStack({
    dataDir: command.dataDir,
    count: command.count,
    deviceCertificateDays: command.deviceCertificateDays,
  });
  const e = stack.cloud.endpoints;
  const intro = [
    '初期設定 / Set-up:',
    ...stack.setupLines.map((line) => `  ${line}`),
    ...stack.robots.map(
      (robot) =>
        `  claim certificate ${robot.serial}: ${robot.claimCreated ? 'created' : 'unchanged'} (${robot.dir})`,
    ),
    `エンドポイント / Endpoints: mqtts://${e.iotEndpoint}:${e.mqttsPort}  control plane ${e.controlPlaneUrl}`,
    '',
  ].join('\n');
  process.stdout.write(`${intro}\n`);

  const plain = command.plain;
  const draw = (): void => {
    const text = renderSummary(stack.rows(), { now: Date.now(), logDir: stack.logDir });
    // On a terminal the summary is redrawn in place under the set-up lines; otherwise one block
    // every 10 s keeps a log file readable.
    process.stdout.write(plain ? `${text}\n\n` : `\x1b[H\x1b[2J${intro}\n${text}\n`);
  };
  const timer = setInterval(draw, plain ? 10_000 : 1_000);
  draw();

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    process.stdout.write(
      `\n停止中 (${signal}): ロボットをオフラインにしています / Stopping: robots go offline\n`,
    );
    void stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`local-stack: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  process.stderr.write(`local-stack: ${(error as Error).message}\n`);
  process.exit(1);
}
