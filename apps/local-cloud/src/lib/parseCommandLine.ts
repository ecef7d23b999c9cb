import { parseArgs } from 'node:util';
import { LocalCloudOptionsSchema, type LocalCloudOptions } from '@iot-gateway-net/local-cloud';

/** What the command line asked for. */
export type CommandLine = { kind: 'help' } | { kind: 'start'; options: LocalCloudOptions };

/** Usage text of the `local-cloud` executable. */
export const USAGE = `Usage: local-cloud [options]

ローカルクラウド（AWS IoT Core の代替）を起動します。 / Starts the local AWS IoT Core stand-in.

Options:
  --data-dir DIR        data directory (registry, local CA, endpoints.json). Default: .data/local-cloud
  --host NAME           host name clients connect to; repeat for more (first = iotEndpoint). Default: localhost
  --bind ADDRESS        address to listen on. Default: 127.0.0.1
  --mqtts-port N        MQTT over TLS port (AWS: 8883). Default: 0 (ephemeral)
  --https-port N        HTTPS data plane + MQTT over WebSocket port (AWS: 443). Default: 0
  --control-port N      control plane (AWS IoT REST API) + /metrics port. Default: 0
  --region REGION       Default: ap-northeast-1
  --account-id ID       12 digits. Default: 000000000000
  --device-cert-days N  lifetime of device certificates the local CA issues, in days; fractions for
                        rotation demos (0.01 = 14.4 min). Default: 365
  --publish-rate-limit N  publishes per second per connection before throttling (AWS: 100). Default: 100
  --publish-bytes-limit N  payload bytes per second per connection before throttling (AWS: 524288). Default: 524288
  --log-level LEVEL     debug | info | warn | error. Default: info
  -h, --help            show this help

Example:
  local-cloud --data-dir .data/local-cloud --mqtts-port 8883 --https-port 8443 --control-port 8080
`;

/**
 * Parses the executable's arguments into `startLocalCloud` options, validated with the engine's own
 * schema.
 *
 * @throws {Error} with a one-line message naming the bad flag or value.
 */
export function parseCommandLine(argv: string[]): CommandLine {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      'data-dir': { type: 'string' },
      host: { type: 'string', multiple: true },
      bind: { type: 'string' },
      'mqtts-port': { type: 'string' },
      'https-port': { type: 'string' },
      'control-port': { type: 'string' },
      region: { type: 'string' },
      'account-id': { type: 'string' },
      'device-cert-days': { type: 'string' },
      'publish-rate-limit': { type: 'string' },
      'publish-bytes-limit': { type: 'string' },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { kind: 'help' };

  const options = {
    dataDir: values['data-dir'] ?? '.data/local-cloud',
    ...(values.host ? { hostnames: values.host } : {}),
    ...(values.bind ? { bindAddress: values.bind } : {}),
    ports: {
      mqtts: integer('--mqtts-port', values['mqtts-port'], 0),
      https: integer('--https-port', values['https-port'], 0),
      controlPlane: integer('--control-port', values['control-port'], 0),
    },
    ...(values.region ? { region: values.region } : {}),
    ...(values['account-id'] ? { accountId: values['account-id'] } : {}),
    ...(values['device-cert-days']
      ? {
          deviceCertificateLifetimeDays: decimal('--device-cert-days', values['device-cert-days']),
        }
      : {}),
    ...(values['publish-rate-limit']
      ? { publishRateLimit: integer('--publish-rate-limit', values['publish-rate-limit'], 100) }
      : {}),
    ...(values['publish-bytes-limit']
      ? {
          publishBytesPerSecond: integer(
            '--publish-bytes-limit',
            values['publish-bytes-limit'],
            524_288,
          ),
        }
      : {}),
    ...(values['log-level'] ? { logLevel: values['log-level'] } : {}),
  };
  const parsed = LocalCloudOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `Invalid option ${issue ? flagFor(issue.path) : ''}: ${issue?.message ?? parsed.error.message}`,
    );
  }
  return { kind: 'start', options: options as LocalCloudOptions };
}

function integer(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value))
    throw new Error(`Invalid option ${flag}: "${value}", expected a whole number`);
  return Number(value);
}

function decimal(flag: string, value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value))
    throw new Error(`Invalid option ${flag}: "${value}", expected a number such as 365 or 0.01`);
  return Number(value);
}

function flagFor(path: PropertyKey[]): string {
  const key = path.join('.');
  const flags: Record<string, string> = {
    dataDir: '--data-dir',
    bindAddress: '--bind',
    'ports.mqtts': '--mqtts-port',
    'ports.https': '--https-port',
    'ports.controlPlane': '--control-port',
    region: '--region',
    accountId: '--account-id',
    deviceCertificateLifetimeDays: '--device-cert-days',
    logLevel: '--log-level',
    publishRateLimit: '--publish-rate-limit',
    publishBytesPerSecond: '--publish-bytes-limit',
  };
  return flags[key] ?? (key.startsWith('hostnames') ? '--host' : key);
}
