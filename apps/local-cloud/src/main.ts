#!/usr/bin/env node
import { startLocalCloud } from '@iot-gateway-net/local-cloud';
import { parseCommandLine, USAGE } from './lib/parseCommandLine.js';

// The local cloud executable: parse flags, start the engine, print where it listens, stop cleanly
// on SIGINT/SIGTERM. Exit codes: 0 stopped normally, 1 could not start, 2 bad usage.

let command;
try {
  command = parseCommandLine(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`local-cloud: ${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (command.kind === 'help') {
  process.stdout.write(USAGE);
  process.exit(0);
}

try {
  const cloud = await startLocalCloud(command.options);
  const e = cloud.endpoints;
  process.stdout.write(
    [
      'ローカルクラウド起動完了 / Local cloud ready',
      `  MQTT (mTLS)      ${e.iotEndpoint}:${e.mqttsPort}`,
      `  MQTT (WSS)       ${e.wssUrl}`,
      `  HTTPS data       ${e.httpsDataUrl}`,
      `  Control plane    ${e.controlPlaneUrl}`,
      `  Metrics          ${e.metricsUrl}`,
      `  Root CA          ${e.rootCaPath}`,
      `  endpoints.json   ${command.options.dataDir}/endpoints.json`,
      '停止するには Ctrl+C / Press Ctrl+C to stop',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`停止中 (${signal}) / Stopping\n`);
    void cloud.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  process.stderr.write(`local-cloud: ${(error as Error).message}\n`);
  process.exit(1);
}
