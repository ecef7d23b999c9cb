import {
  DescribeProvisioningTemplateCommand,
  GetPolicyCommand,
  ListThingsCommand,
} from '@aws-sdk/client-iot';
import type { FleetNames } from '../target/fleetNames.js';
import type { Target } from '../target/types.js';
import { probeMqttsTls, type MqttsTlsProbe } from './probeMqttsTls.js';
import { probeTcp } from './probeTcp.js';
import { probeTls } from './probeTls.js';
import { serverDate } from './serverDate.js';

/** One line of `amrctl doctor`. */
export interface DoctorCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
  /** What to do about a failure. */
  readonly hint?: string;
}

/** Options of {@link runDoctor}. */
export interface RunDoctorOptions {
  readonly target: Target;
  readonly names: FleetNames;
  readonly now: () => Date;
  /** Largest clock difference that passes. Defaults to 300 s (SigV4 refuses more than 5 min). */
  readonly maxSkewMs?: number;
  /** Called as each check is decided (progress on a terminal). */
  readonly onCheck?: (check: DoctorCheck) => void;
  /**
   * A client certificate and key (e.g. a kitted bundle's claim): the MQTTS check then does a full
   * mutual-TLS handshake. Without it the check still tells a trusted server certificate apart.
   */
  readonly clientCertificate?: { readonly certificatePem: string; readonly privateKeyPem: string };
}

/**
 * The field check: control-plane reachability, credentials (a cheap ListThings), the data
 * endpoint (DescribeEndpoint on AWS, then TCP), TLS of the MQTTS port (8883) and of the HTTPS data
 * port with the root CA devices use, the clock against the endpoint's HTTP `Date`, and the
 * template and policies.
 * Checks never throw: each failure becomes a line with a hint.
 */
export async function runDoctor(options: RunDoctorOptions): Promise<DoctorCheck[]> {
  const { target, names } = options;
  const maxSkewMs = options.maxSkewMs ?? 300_000;
  const checks: DoctorCheck[] = [];
  const add = (check: DoctorCheck): void => {
    checks.push(check);
    options.onCheck?.(check);
  };
  const failureOf = (error: unknown): string =>
    error instanceof Error ? `${error.name}: ${error.message}` : String(error);

  const control = new URL(target.controlPlaneUrl);
  const controlPort = Number(control.port || (control.protocol === 'https:' ? 443 : 80));
  const reach = await probeTcp(control.hostname, controlPort);
  add({
    name: 'control plane reachable',
    ok: reach === undefined,
    detail: `${control.host}${reach === undefined ? '' : ` (${reach})`}`,
    ...(reach === undefined
      ? {}
      : {
          hint:
            target.kind === 'local'
              ? 'start the local cloud (npm run local-cloud) or pass its data directory to --local'
              : 'check the network, proxy and --region',
        }),
  });

  try {
    const date = await serverDate(target.controlPlaneUrl);
    if (date === undefined) {
      add({ name: 'clock skew', ok: false, detail: 'no Date header', hint: 'check the endpoint' });
    } else {
      const skew = options.now().getTime() - date.getTime();
      add({
        name: 'clock skew',
        ok: Math.abs(skew) <= maxSkewMs,
        detail: `local clock ${skew >= 0 ? '+' : ''}${Math.round(skew / 1000)} s against the endpoint`,
        ...(Math.abs(skew) <= maxSkewMs
          ? {}
          : {
              hint: 'synchronise the clock (NTP: timedatectl set-ntp true); SigV4 and certificate checks fail beyond 5 minutes',
            }),
      });
    }
  } catch (error) {
    add({ name: 'clock skew', ok: false, detail: failureOf(error), hint: 'endpoint unreachable' });
  }

  let credentialsOk = false;
  try {
    await target.iot.send(new ListThingsCommand({ maxResults: 1 }));
    credentialsOk = true;
    add({ name: 'credentials', ok: true, detail: `ListThings allowed (${target.description})` });
  } catch (error) {
    add({
      name: 'credentials',
      ok: false,
      detail: failureOf(error),
      hint:
        target.kind === 'local'
          ? 'endpoints.json is stale: restart the local cloud'
          : 'configure credentials (aws configure, AWS_PROFILE, --profile) with iot:ListThings',
    });
  }

  try {
    const endpoint = await target.dataEndpoint();
    const mqtt = await probeTcp(endpoint.host, endpoint.mqttsPort);
    add({
      name: 'data endpoint reachable',
      ok: mqtt === undefined,
      detail: `${endpoint.host}:${endpoint.mqttsPort}${mqtt === undefined ? '' : ` (${mqtt})`}`,
      ...(mqtt === undefined
        ? {}
        : { hint: 'robots cannot connect: check firewall for port 8883' }),
    });
    const rootCaPem = await target.rootCaPem();
    add(
      mqttsCheck(
        endpoint.host,
        endpoint.mqttsPort,
        await probeMqttsTls({
          host: endpoint.host,
          port: endpoint.mqttsPort,
          caPem: rootCaPem,
          ...(options.clientCertificate === undefined
            ? {}
            : { clientCertificate: options.clientCertificate }),
        }),
        options.clientCertificate !== undefined,
      ),
    );
    const https = new URL(endpoint.httpsUrl);
    const tls = await probeTls(https.hostname, Number(https.port || 443), rootCaPem);
    add({
      name: 'TLS trust',
      ok: tls === undefined,
      detail: `${https.host} with the devices' root CA${tls === undefined ? '' : ` (${tls})`}`,
      ...(tls === undefined
        ? {}
        : {
            hint: 'the bundle root CA does not match the endpoint: re-kit, or check for a TLS-intercepting proxy',
          }),
    });
  } catch (error) {
    add({
      name: 'data endpoint reachable',
      ok: false,
      detail: failureOf(error),
      hint: 'DescribeEndpoint iot:Data-ATS failed: check credentials and region',
    });
  }

  if (!credentialsOk) return checks;
  try {
    const template = await target.iot.send(
      new DescribeProvisioningTemplateCommand({ templateName: names.templateName }),
    );
    add({
      name: 'provisioning template',
      ok: template.enabled === true,
      detail: `${names.templateName}${template.enabled === true ? '' : ' is disabled'}`,
      ...(template.enabled === true ? {} : { hint: 'run "amrctl setup"' }),
    });
  } catch (error) {
    add({
      name: 'provisioning template',
      ok: false,
      detail: `${names.templateName}: ${failureOf(error)}`,
      hint: 'run "amrctl setup"',
    });
  }
  for (const policyName of [names.productionPolicyName, names.claimPolicyName]) {
    try {
      await target.iot.send(new GetPolicyCommand({ policyName }));
      add({ name: 'policy', ok: true, detail: policyName });
    } catch (error) {
      add({
        name: 'policy',
        ok: false,
        detail: `${policyName}: ${failureOf(error)}`,
        hint: 'run "amrctl setup"',
      });
    }
  }
  return checks;
}

/** Node's code for a server certificate that does not name the host. */
const HOSTNAME_MISMATCH = 'ERR_TLS_CERT_ALTNAME_INVALID';

// The MQTTS line: trust of the server certificate, the version, and (with a client certificate)
// whether the mutual-TLS handshake completed.
function mqttsCheck(
  host: string,
  port: number,
  probe: MqttsTlsProbe,
  withClientCertificate: boolean,
): DoctorCheck {
  const name = 'MQTTS TLS trust';
  const where = `${host}:${port}`;
  if (!probe.trusted) {
    const problem = probe.problem ?? 'unknown';
    return {
      name,
      ok: false,
      detail: `${where}${probe.protocol === undefined ? '' : ` ${probe.protocol}`} (${problem})`,
      hint: mqttsHint(problem, probe.protocol !== undefined, port),
    };
  }
  const protocol = probe.protocol ?? 'TLS';
  if (withClientCertificate) {
    const completed = probe.ending === 'handshake completed';
    return {
      name,
      ok: completed,
      detail: completed
        ? `${where} ${protocol}, mutual TLS with the client certificate`
        : `${where} ${protocol}, server certificate trusted; client certificate refused (${probe.ending ?? 'unknown'})`,
      ...(completed
        ? {}
        : {
            hint: 'the endpoint refused the claim certificate: check it is registered and ACTIVE (amrctl certs / thing show), or re-kit',
          }),
    };
  }
  return {
    name,
    ok: true,
    detail: `${where} ${protocol}, server certificate trusted with the devices' root CA${probe.ending === 'handshake completed' ? '' : ` (then ${probe.ending ?? 'closed'}: no client certificate sent)`}`,
  };
}

function mqttsHint(problem: string, certificateSeen: boolean, port: number): string {
  if (problem === HOSTNAME_MISMATCH) {
    return "the endpoint's certificate does not name this host: check the data endpoint (DescribeEndpoint iot:Data-ATS, or iotEndpoint in endpoints.json)";
  }
  // A certificate arrived but did not verify (OpenSSL X509_V_ERR_* codes).
  if (certificateSeen) {
    return 'the bundle root CA does not match the MQTT endpoint: re-kit, or check for a TLS-intercepting proxy';
  }
  // Socket errors (ECONNREFUSED, ETIMEDOUT, ENOTFOUND, ...) or a close before any certificate.
  if (/^E[A-Z]+$/u.test(problem) || problem === 'closed by server') {
    return `robots cannot reach port ${port}: check the firewall and proxy (outbound ${port}), or that the broker is running`;
  }
  return `no TLS 1.2 or later handshake on port ${port}: check that nothing else (a proxy, another service) answers there`;
}
