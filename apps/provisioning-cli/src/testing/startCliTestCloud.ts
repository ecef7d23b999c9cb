import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IoTClient } from '@aws-sdk/client-iot';
import {
  startLocalCloud,
  type LocalCloud,
  type LocalCloudDependencies,
  type LocalCloudOptions,
} from '@iot-gateway-net/local-cloud';
import { run } from '../lib/run/run.js';

/** What one in-process amrctl run printed and returned. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A local cloud on port 0 in a temp dir, an SDK client on it, and amrctl pointed at it. */
export interface CliTestCloud {
  readonly cloud: LocalCloud;
  readonly dataDir: string;
  /** A scratch directory for bundles and files (removed by `close`). */
  readonly workDir: string;
  readonly iot: IoTClient;
  /** Runs `amrctl --local <dataDir> ...argv` in-process. */
  amrctl(argv: readonly string[], options?: { now?: Date; isTTY?: boolean }): Promise<CliResult>;
  close(): Promise<void>;
}

/** Runs amrctl in-process with captured output. */
export async function runCli(
  argv: readonly string[],
  options: { now?: Date; isTTY?: boolean; cwd?: string } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    isTTY: options.isTTY ?? false,
    ...(options.now === undefined ? {} : { now: () => options.now as Date }),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  return { code, stdout, stderr };
}

/**
 * Starts a local cloud for CLI specs (quiet logs, ephemeral ports, temp data dir).
 */
export async function startCliTestCloud(
  options: Partial<LocalCloudOptions> = {},
  deps: LocalCloudDependencies = {},
): Promise<CliTestCloud> {
  const dataDir = await mkdtemp(join(tmpdir(), 'amrctl-cloud-'));
  const workDir = await mkdtemp(join(tmpdir(), 'amrctl-work-'));
  const cloud = await startLocalCloud(
    { dataDir, ...options },
    { writeLog: () => undefined, ...deps },
  );
  const e = cloud.endpoints;
  const iot = new IoTClient({
    endpoint: e.controlPlaneUrl,
    region: e.region,
    credentials: { ...e.controlPlaneCredentials },
  });
  return {
    cloud,
    dataDir,
    workDir,
    iot,
    amrctl: (argv, runOptions = {}) =>
      runCli(['--local', dataDir, ...argv], { ...runOptions, cwd: workDir }),
    async close() {
      iot.destroy();
      await cloud.close();
      await rm(dataDir, { recursive: true, force: true });
      await rm(workDir, { recursive: true, force: true });
    },
  };
}
