import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { readRequestBody } from './readRequestBody.js';

/** A request body stream with headers, as much of an IncomingMessage as readRequestBody reads. */
function requestOf(headers: Record<string, string> = {}): PassThrough & IncomingMessage {
  return Object.assign(new PassThrough(), { headers }) as unknown as PassThrough & IncomingMessage;
}

describe('readRequestBody', () => {
  it('reads a body of up to the limit', async () => {
    const req = requestOf();
    const read = readRequestBody(req, 11);
    req.write('hello ');
    req.end('world');
    const result = await read;
    expect(result.ok && result.body.toString('utf8')).toBe('hello world');
  });

  it('refuses a declared Content-Length over the limit without reading', async () => {
    const req = requestOf({ 'content-length': '5000' });
    req.write('x');
    await expect(readRequestBody(req, 4096)).resolves.toEqual({ ok: false, bytes: 5000 });
    expect(req.readableFlowing).toBeNull();
  });

  it('stops reading a streamed body as soon as it passes the limit', async () => {
    const req = requestOf();
    const read = readRequestBody(req, 4);
    req.write('abc');
    req.write('def');
    await expect(read).resolves.toEqual({ ok: false, bytes: 6 });
    expect(req.isPaused()).toBe(true);
    expect(req.listenerCount('data')).toBe(0);
  });

  it('rejects when the stream fails', async () => {
    const req = requestOf();
    const read = readRequestBody(req, 100);
    req.destroy(new Error('aborted'));
    await expect(read).rejects.toThrow('aborted');
  });
});
