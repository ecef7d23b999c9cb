/** Log levels, most verbose first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Structured logging: one JSON object per line with `time`, `level`, `event` and fields. Fields
 * whose names look secret (keys, tokens, secrets, signatures, PEMs, passwords) are redacted.
 */
export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
  /** A logger whose lines also carry `fields` (e.g. `{ component: 'broker' }`). */
  child(fields: Record<string, unknown>): Logger;
}
