import type { Clock } from './Clock.js';
import type { LogLevel, Logger } from './Logger.js';

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// Field names that may carry key material or credentials. Matching is on the name, so values are
// never inspected or echoed.
const SECRET_FIELD =
  /(private|secret|password|passphrase|token|signature|credential|authorization|pem|cookie|session)/i;

/** Options of {@link createJsonLogger}. */
export interface JsonLoggerOptions {
  /** Lowest level written. Defaults to `'info'`. */
  level?: LogLevel;
  /** Where lines go. Defaults to `process.stderr`. */
  write?: (line: string) => void;
  clock?: Clock;
  /** Fields on every line. */
  base?: Record<string, unknown>;
}

/**
 * Creates a {@link Logger} writing one JSON object per line. Values of fields whose names look
 * secret are replaced by `"[redacted]"`, recursively; `Error` values become `{ name, message, code }`
 * (no stack unless the level is debug).
 */
export function createJsonLogger(options: JsonLoggerOptions = {}): Logger {
  const threshold = LEVELS[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
  const clock = options.clock;
  const now = clock ? () => clock.now() : () => Date.now();
  const debug = threshold <= LEVELS.debug;

  const make = (base: Record<string, unknown>): Logger => {
    const log = (level: LogLevel, event: string, fields?: Record<string, unknown>): void => {
      if (LEVELS[level] < threshold) return;
      const line = {
        time: new Date(now()).toISOString(),
        level,
        event,
        ...redact(base, debug),
        ...(fields ? redact(fields, debug) : {}),
      };
      write(JSON.stringify(line) + '\n');
    };
    return {
      debug: (e, f) => log('debug', e, f),
      info: (e, f) => log('info', e, f),
      warn: (e, f) => log('warn', e, f),
      error: (e, f) => log('error', e, f),
      child: (fields) => make({ ...base, ...fields }),
    };
  };
  return make(options.base ?? {});
}

function redact(
  fields: Record<string, unknown>,
  withStack: boolean,
  depth = 0,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = SECRET_FIELD.test(key) ? '[redacted]' : clean(value, withStack, depth + 1);
  }
  return out;
}

function clean(value: unknown, withStack: boolean, depth: number): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      name: value.name,
      message: value.message,
      ...(code === undefined ? {} : { code }),
      ...(withStack && value.stack ? { stack: value.stack } : {}),
    };
  }
  if (value instanceof Uint8Array) return { bytes: value.byteLength };
  if (depth > 4 || value === null || typeof value !== 'object') {
    return typeof value === 'bigint' ? value.toString() : value;
  }
  if (Array.isArray(value)) return value.map((v) => clean(v, withStack, depth + 1));
  return redact(value as Record<string, unknown>, withStack, depth);
}
