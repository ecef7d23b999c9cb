import { connect } from 'node:net';

/**
 * Opens a TCP connection to `host:port` and closes it: resolves `undefined` when it connects, or
 * the error code (`ECONNREFUSED`, `ENOTFOUND`, `ETIMEDOUT`, ...) when it does not within
 * `timeoutMs` (default `5_000`).
 */
export function probeTcp(
  host: string,
  port: number,
  timeoutMs = 5_000,
): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (result: string | undefined): void => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => finish('ETIMEDOUT'));
    socket.once('connect', () => finish(undefined));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(error.code ?? error.message));
  });
}
