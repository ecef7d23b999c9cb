import { isIP } from 'node:net';
import { checkServerIdentity, connect, type TLSSocket } from 'node:tls';

/** Options of {@link probeMqttsTls}. */
export interface ProbeMqttsTlsOptions {
  readonly host: string;
  readonly port: number;
  /** The root CA devices trust (PEM); the only CA the probe trusts. */
  readonly caPem: string;
  /** A client certificate and key (PEM), e.g. a kitted bundle's claim: probe full mutual TLS. */
  readonly clientCertificate?: { readonly certificatePem: string; readonly privateKeyPem: string };
  /** Defaults to `5_000` ms. */
  readonly timeoutMs?: number;
}

/** What {@link probeMqttsTls} found. */
export interface MqttsTlsProbe {
  /** The server's certificate chains to the CA and names the host, over TLS 1.2 or later. */
  readonly trusted: boolean;
  /** The version negotiated, once the server's certificate arrived (`TLSv1.2`, `TLSv1.3`). */
  readonly protocol?: string;
  /**
   * Why not trusted: an OpenSSL verify code (`SELF_SIGNED_CERT_IN_CHAIN`, ...),
   * `ERR_TLS_CERT_ALTNAME_INVALID`, or, before any certificate arrived, the socket or TLS error
   * (`ECONNREFUSED`, `ETIMEDOUT`, `ERR_SSL_UNSUPPORTED_PROTOCOL`, ...).
   */
  readonly problem?: string;
  /**
   * How the connection ended once trust was decided: `handshake completed`, the server's alert
   * (`ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE`, `ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED`, ...),
   * `closed by server` or `ETIMEDOUT`.
   */
  readonly ending?: string;
}

/** Node's native TLS handle: the same `verifyError()` its own `secureConnect` check reads. */
interface NativeTlsHandle {
  verifyError?: () => (Error & { code?: string }) | null;
}

/**
 * Probes the MQTT-over-TLS port (8883) the way a robot connects: TLS 1.2 or later, `host` as
 * server name, trusting only `caPem`. MQTT on 8883 authenticates with an X.509 client certificate
 * (AWS IoT Developer Guide, "Device communication protocols"), so AWS IoT (and any broker with
 * `rejectUnauthorized`) ends the handshake of a client without one, so the verdict on the server's certificate is taken
 * as soon as it has been verified, not at `secureConnect`:
 *
 * - TLS 1.2: the server's alert (`handshake failure`, `certificate required`) comes before
 *   `secureConnect`, after the client has verified the server's Certificate message;
 * - TLS 1.3: the client certificate goes after the server's Finished, so `secureConnect` may fire
 *   and the server then alerts or closes, sometimes before the peer certificate can be read.
 *
 * Node emits `keylog` as key material is derived, which happens after the server's certificate
 * was processed (TLS 1.2 `CLIENT_RANDOM`; TLS 1.3 application secrets); the first `keylog` with a
 * peer certificate is the verdict. A server alert after that verdict means trust passed. With
 * `clientCertificate` the probe is a full mutual-TLS handshake. Never throws.
 */
export function probeMqttsTls(options: ProbeMqttsTlsOptions): Promise<MqttsTlsProbe> {
  const { host, port, caPem } = options;
  return new Promise((resolve) => {
    const socket = connect({
      host,
      port,
      ca: caPem,
      // SNI carries host names only (RFC 6066); an IP address is still checked against the certificate.
      ...(isIP(host) === 0 ? { servername: host } : {}),
      minVersion: 'TLSv1.2',
      // The verdict is taken below (also for handshakes that never reach secureConnect).
      rejectUnauthorized: false,
      ...(options.clientCertificate === undefined
        ? {}
        : {
            cert: options.clientCertificate.certificatePem,
            key: options.clientCertificate.privateKeyPem,
          }),
    });
    let verdict: { problem?: string; protocol?: string } | undefined;
    let settled = false;
    const decide = (): void => {
      if (verdict !== undefined) return;
      const peer = socket.getPeerCertificate();
      if (peer === null || Object.keys(peer).length === 0) return;
      // Fail closed: without Node's verifyError the verdict waits for secureConnect's
      // `authorized`, and a handshake the server ends first is reported as not trusted.
      const handle = nativeHandle(socket);
      if (typeof handle?.verifyError !== 'function') return;
      const verifyError = handle.verifyError();
      const hostError = checkServerIdentity(host, peer) as { code?: string } | undefined;
      const problem = verifyError?.code ?? verifyError?.message ?? hostError?.code;
      const protocol = socket.getProtocol() ?? undefined;
      verdict = {
        ...(problem === undefined ? {} : { problem }),
        ...(protocol === undefined ? {} : { protocol }),
      };
    };
    const finish = (ending: string | undefined, error?: string): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      if (verdict === undefined) {
        resolve({ trusted: false, problem: error ?? ending ?? 'no server certificate' });
        return;
      }
      resolve({
        trusted: verdict.problem === undefined,
        ...verdict,
        ...(ending === undefined ? {} : { ending }),
      });
    };
    socket.on('keylog', decide);
    socket.setTimeout(options.timeoutMs ?? 5_000, () => finish('ETIMEDOUT', 'ETIMEDOUT'));
    socket.once('secureConnect', () => {
      decide();
      if (verdict === undefined) {
        const error = socket.authorizationError as (Error & { code?: string }) | undefined;
        const peer = socket.getPeerCertificate();
        const hostError =
          peer === null || Object.keys(peer).length === 0
            ? undefined
            : (checkServerIdentity(host, peer) as { code?: string } | undefined);
        const problem = socket.authorized
          ? hostError?.code
          : (error?.code ?? error?.message ?? 'UNABLE_TO_VERIFY');
        const protocol = socket.getProtocol() ?? undefined;
        verdict = {
          ...(problem === undefined ? {} : { problem }),
          ...(protocol === undefined ? {} : { protocol }),
        };
      }
      finish('handshake completed');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? error.message;
      finish(code, code);
    });
    socket.once('close', () => finish('closed by server', 'closed by server'));
  });
}

function nativeHandle(socket: TLSSocket): NativeTlsHandle | undefined {
  return (socket as unknown as { _handle?: NativeTlsHandle | null })._handle ?? undefined;
}
