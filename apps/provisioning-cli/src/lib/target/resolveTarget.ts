import { readFile } from 'node:fs/promises';
import { Agent } from 'node:https';
import { resolve } from 'node:path';
import { rootCertificates } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import {
  DescribeEndpointCommand,
  DescribeProvisioningTemplateCommand,
  IoTClient,
  ListPoliciesCommand,
} from '@aws-sdk/client-iot';
import { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane';
import { EndpointsSchema } from '@iot-gateway-net/local-cloud/endpoints';
import { CliError } from '../errors/CliError.js';
import { DEFAULT_LOCAL_DATA_DIR, type GlobalOptions } from './schemas.js';
import type { DataEndpoint, Target } from './types.js';

/** Options of {@link resolveTarget}. */
export interface ResolveTargetOptions {
  readonly globals: GlobalOptions;
  /** Directory `--local DIR` resolves against. */
  readonly cwd: string;
  /** Template whose ARN may reveal the AWS account id. Defaults to `amr-fleet`. */
  readonly templateName?: string;
}

/**
 * Builds the {@link Target} for the global options: with `--local [dataDir]` the local cloud
 * described by `<dataDir>/endpoints.json` (control-plane URL and credentials, data endpoint, root
 * CA); otherwise AWS through the standard credential chain (`--profile`, `--region` or
 * `AWS_REGION`), the data endpoint from DescribeEndpoint `iot:Data-ATS` and Amazon Root CA 1.
 *
 * @throws {CliError} `CONFIG` when endpoints.json is missing or invalid, or no region is known.
 */
export async function resolveTarget(options: ResolveTargetOptions): Promise<Target> {
  const { globals } = options;
  if (globals.local !== undefined) {
    const dataDir = resolve(
      options.cwd,
      globals.local === true ? DEFAULT_LOCAL_DATA_DIR : globals.local,
    );
    return resolveLocal(dataDir);
  }
  return await resolveAws(globals, options.templateName ?? 'amr-fleet');
}

async function resolveLocal(dataDir: string): Promise<Target> {
  const path = resolve(dataDir, 'endpoints.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(
      'CONFIG',
      `No local cloud at "${dataDir}": cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}); start one with "npm run local-cloud" or pass its data directory to --local`,
      { cause: error },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError('CONFIG', `Invalid ${path}: not JSON`, { cause: error });
  }
  const parsed = EndpointsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(
      'CONFIG',
      `Invalid ${path}: ${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
      { cause: parsed.error },
    );
  }
  const endpoints = parsed.data;
  const credentials = { ...endpoints.controlPlaneCredentials };
  const iot = new IoTClient({
    endpoint: endpoints.controlPlaneUrl,
    region: endpoints.region,
    credentials,
    maxAttempts: 1,
  });
  const rootCaPem = (): Promise<string> => readFile(endpoints.rootCaPath, 'utf8');
  let dataPlane: IoTDataPlaneClient | undefined;
  return {
    kind: 'local',
    description: `local cloud at ${dataDir}`,
    region: endpoints.region,
    iot,
    controlPlaneUrl: endpoints.controlPlaneUrl,
    accountId: () => Promise.resolve(endpoints.accountId),
    dataEndpoint: () =>
      Promise.resolve({
        host: endpoints.iotEndpoint,
        mqttsPort: endpoints.mqttsPort,
        httpsUrl: endpoints.httpsDataUrl,
      }),
    rootCaPem,
    async dataPlane() {
      dataPlane ??= new IoTDataPlaneClient({
        endpoint: endpoints.httpsDataUrl,
        region: endpoints.region,
        credentials,
        maxAttempts: 1,
        requestHandler: { httpsAgent: new Agent({ ca: await rootCaPem() }) },
      });
      return dataPlane;
    },
    close() {
      iot.destroy();
      dataPlane?.destroy();
    },
  };
}

async function resolveAws(globals: GlobalOptions, templateName: string): Promise<Target> {
  const region =
    globals.region ??
    process.env['AWS_REGION'] ??
    process.env['AWS_DEFAULT_REGION'] ??
    (await profileRegion(globals.profile));
  if (region === undefined || region === '') {
    throw new CliError(
      'CONFIG',
      'No AWS region: pass --region (e.g. ap-northeast-1), set AWS_REGION, or use --local for the local cloud',
    );
  }
  const iot = new IoTClient({
    region,
    ...(globals.profile === undefined ? {} : { profile: globals.profile }),
  });
  let endpoint: Promise<DataEndpoint> | undefined;
  let dataPlane: IoTDataPlaneClient | undefined;
  let accountId: Promise<string> | undefined;
  const dataEndpoint = (): Promise<DataEndpoint> => {
    // AWS IoT Developer Guide, "Connecting devices to AWS IoT": the ATS data endpoint.
    endpoint ??= iot
      .send(new DescribeEndpointCommand({ endpointType: 'iot:Data-ATS' }))
      .then(({ endpointAddress }) => {
        if (endpointAddress === undefined) {
          throw new CliError('CONFIG', 'DescribeEndpoint iot:Data-ATS returned no address');
        }
        return {
          host: endpointAddress,
          mqttsPort: 8883,
          httpsUrl: `https://${endpointAddress}`,
        };
      });
    return endpoint;
  };
  return {
    kind: 'aws',
    description: `AWS ${region}${globals.profile === undefined ? '' : ` (profile ${globals.profile})`}`,
    region,
    iot,
    controlPlaneUrl: `https://iot.${region}.amazonaws.com`,
    accountId() {
      accountId ??=
        globals.accountId === undefined
          ? discoverAccountId(iot, templateName)
          : Promise.resolve(globals.accountId);
      return accountId;
    },
    dataEndpoint,
    rootCaPem: () => Promise.resolve(amazonRootCa1()),
    async dataPlane() {
      dataPlane ??= new IoTDataPlaneClient({
        region,
        endpoint: (await dataEndpoint()).httpsUrl,
        ...(globals.profile === undefined ? {} : { profile: globals.profile }),
      });
      return dataPlane;
    },
    close() {
      iot.destroy();
      dataPlane?.destroy();
    },
  };
}

// The `region` of the profile in the shared config file (~/.aws/config, AWS_CONFIG_FILE), as the
// SDK's own region chain reads it; undefined when the profile has none.
async function profileRegion(profile: string | undefined): Promise<string | undefined> {
  const probe = new IoTClient(profile === undefined ? {} : { profile });
  try {
    return await probe.config.region();
  } catch {
    return undefined;
  } finally {
    probe.destroy();
  }
}

// The IoT API has no "who am I": read the account from an ARN the account already holds (the
// template, else any policy). A fresh account needs --account-id.
async function discoverAccountId(iot: IoTClient, templateName: string): Promise<string> {
  const fromArn = (arn: string | undefined): string | undefined => arn?.split(':')[4];
  try {
    const template = await iot.send(new DescribeProvisioningTemplateCommand({ templateName }));
    const account = fromArn(template.templateArn);
    if (account !== undefined && account !== '') return account;
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  const policies = await iot.send(new ListPoliciesCommand({ pageSize: 1 }));
  const account = fromArn(policies.policies?.[0]?.policyArn);
  if (account !== undefined && account !== '') return account;
  throw new CliError(
    'USAGE',
    'Cannot tell the AWS account id (no template or policy yet): pass --account-id 123456789012',
  );
}

// Devices and amrctl trust Amazon Root CA 1 for ATS endpoints (AWS IoT Developer Guide, "CA
// certificates for server authentication"); Node's bundled roots carry it.
function amazonRootCa1(): string {
  const pem = rootCertificates.find((candidate) =>
    new X509Certificate(candidate).subject.includes('CN=Amazon Root CA 1'),
  );
  if (pem === undefined) throw new CliError('CONFIG', 'Amazon Root CA 1 is missing from Node');
  return pem;
}
