import { createJsonLogger } from './createJsonLogger.js';

function capture(level?: 'debug' | 'info' | 'warn' | 'error') {
  const lines: Record<string, unknown>[] = [];
  const logger = createJsonLogger({
    ...(level ? { level } : {}),
    clock: { now: () => Date.UTC(2026, 0, 2, 3, 4, 5) },
    write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  return { logger, lines };
}

describe('createJsonLogger', () => {
  it('writes one JSON object per line with time, level, event and fields', () => {
    const { logger, lines } = capture();
    logger.info('broker.connected', { clientId: 'AMR-001' });
    expect(lines).toEqual([
      {
        time: '2026-01-02T03:04:05.000Z',
        level: 'info',
        event: 'broker.connected',
        clientId: 'AMR-001',
      },
    ]);
  });

  it('drops lines below the level (default info)', () => {
    const { logger, lines } = capture();
    logger.debug('noise');
    logger.warn('kept');
    expect(lines.map((l) => l['event'])).toEqual(['kept']);
  });

  it.each([
    'privateKey',
    'privateKeyPem',
    'secretAccessKey',
    'sessionToken',
    'certificateOwnershipToken',
    'signature',
    'authorization',
    'certificatePem',
    'password',
  ])('redacts the field %s, also when nested', (field) => {
    const { logger, lines } = capture();
    logger.info('e', { [field]: 'SECRET', nested: { [field]: 'SECRET', ok: 1 } });
    expect(JSON.stringify(lines)).not.toContain('SECRET');
    expect(lines[0]).toMatchObject({
      [field]: '[redacted]',
      nested: { [field]: '[redacted]', ok: 1 },
    });
  });

  it('renders errors as name, message and code, with the stack only at debug level', () => {
    const err = Object.assign(new Error('boom'), { code: 'E1' });
    const info = capture();
    info.logger.error('failed', { error: err });
    expect(info.lines[0]?.['error']).toEqual({ name: 'Error', message: 'boom', code: 'E1' });
    const debug = capture('debug');
    debug.logger.error('failed', { error: err });
    expect(debug.lines[0]?.['error']).toHaveProperty('stack');
  });

  it('logs byte arrays as their length, never their content', () => {
    const { logger, lines } = capture();
    logger.info('payload', { payload: new Uint8Array([1, 2, 3]) });
    expect(lines[0]?.['payload']).toEqual({ bytes: 3 });
  });

  it('child loggers add their fields to every line', () => {
    const { logger, lines } = capture();
    logger.child({ component: 'broker' }).info('x', { a: 1 });
    expect(lines[0]).toMatchObject({ component: 'broker', a: 1 });
  });
});
