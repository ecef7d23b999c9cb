import type { IncomingMessage } from 'node:http';

/** What {@link readRequestBody} resolves to. */
export type ReadRequestBodyResult =
  | { ok: true; body: Buffer }
  | {
      ok: false;
      /** Bytes seen before reading stopped, or the declared `Content-Length`. */
      bytes: number;
    };

/**
 * Reads a request body of at most `maxBytes`. A larger body is refused without buffering it: a
 * `Content-Length` above the limit is refused before anything is read, and a streamed body as soon
 * as it passes the limit; the caller answers 413 and closes the connection.
 *
 * @throws the request's stream error (e.g. the client aborted).
 */
export function readRequestBody(
  req: IncomingMessage,
  maxBytes: number,
): Promise<ReadRequestBodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    return Promise.resolve({ ok: false, bytes: declared });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.byteLength;
      if (size > maxBytes) {
        cleanup();
        req.pause();
        resolve({ ok: false, bytes: size });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve({ ok: true, body: Buffer.concat(chunks, size) });
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
