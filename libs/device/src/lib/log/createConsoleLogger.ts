import type { DeviceLogger, DeviceLogLevel } from '../runtime/types.js';

const SEVERITY: Record<DeviceLogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// Field names that could carry secrets are never printed, whatever a caller passes.
const SECRET_FIELD = /key|token|pem|secret|signature|password/i;

function formatField(name: string, value: unknown): string {
  if (SECRET_FIELD.test(name)) return `${name}=[redacted]`;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `${name}=${text !== undefined && /\s/.test(text) ? JSON.stringify(text) : String(text)}`;
}

/**
 * A {@link DeviceLogger} that writes one line per event, readable by a field technician and by
 * journald: `2026-11-22T08:00:00.000Z WARN  identity.productionRefused <message> key=value ...`.
 * Fields whose name suggests a secret (key, token, PEM, signature, password) are printed as
 * `[redacted]`.
 *
 * @param options.level - least severe level written. Defaults to `info`.
 * @param options.write - where lines go. Defaults to standard error.
 * @param options.now - time source for the stamp. Defaults to `Date.now`.
 */
export function createConsoleLogger(
  options: {
    level?: DeviceLogLevel;
    write?: (line: string) => void;
    now?: () => number;
  } = {},
): DeviceLogger {
  const {
    level = 'info',
    write = (line: string) => process.stderr.write(`${line}\n`),
    now = () => Date.now(),
  } = options;
  const threshold = SEVERITY[level];
  return {
    log(lineLevel, event, message, fields) {
      if (SEVERITY[lineLevel] < threshold) return;
      const extra =
        fields === undefined
          ? ''
          : Object.entries(fields)
              .filter(([, value]) => value !== undefined)
              .map(([name, value]) => ` ${formatField(name, value)}`)
              .join('');
      write(
        `${new Date(now()).toISOString()} ${lineLevel.toUpperCase().padEnd(5)} ${event} ${message}${extra}`,
      );
    },
  };
}
