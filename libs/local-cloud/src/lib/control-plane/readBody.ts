import type { IncomingMessage } from 'node:http';
import { LocalCloudError } from '../errors/LocalCloudError.js';

/**
 * Reads a request body completely, up to `limit` bytes.
 *
 * @throws {LocalCloudError} `INVALID_REQUEST` when the body is larger than `limit` (reading stops;
 *   the caller answers and closes the connection); `INTERNAL` when the client aborts.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        reject(
          new LocalCloudError(
            'INVALID_REQUEST',
            `Unexpected request body of more than ${limit} bytes, expected at most ${limit}`,
          ),
        );
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', (error) =>
      reject(
        new LocalCloudError('INTERNAL', `Reading the request failed: ${error.message}`, {
          cause: error,
        }),
      ),
    );
  });
}
