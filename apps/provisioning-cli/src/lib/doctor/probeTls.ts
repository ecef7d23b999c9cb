import { connect } from 'node:tls';

/**
 * Completes a TLS handshake with `host:port` trusting only `caPem`, with `host` as server name:
 * resolves `undefined` when the server's certificate chains to the CA and names the host, else
 * the reason (e.g. `UNABLE_TO_VERIFY_LEAF_SIGNATURE`, `ERR_TLS_CERT_ALTNAME_INVALID`). Gives up
 * after `timeoutMs` (default `5_000`).
 */
export function probeTls(
  host: string,
  port: number,
  caPem: string,
  timeoutMs = 5_000,
): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, ca: caPem, servername: host, minVersion: 'TLSv1.2' });
    const finish = (result: string | undefined): void => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => finish('ETIMEDOUT'));
    socket.once('secureConnect', () => finish(undefined));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(error.code ?? error.message));
  });
}
