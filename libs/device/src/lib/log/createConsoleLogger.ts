import type { DeviceLogger, DeviceLogLevel } from '../runtime/types.js';

const SEVERITY: Record<DeviceLogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// Field names that could carry secrets are never printed, whatever a caller passes, at any depth.
const SECRET_FIELD = /key|token|pem|secret|signature|password/i;
// A PEM block inside a message (an error that quotes a file, say): its body is never printed.
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?(?:-----END \1-----|$)/g;
// journald and a technician's `grep` both need one line per event.
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g;

function redactSecrets(_name: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, inner]) => [
      name,
      SECRET_FIELD.test(name) ? '[redacted]' : inner,
    ]),
  );
}

function oneLine(text: string): string {
  return text.replace(PEM_BLOCK, '[redacted PEM]').replace(LINE_BREAK, ' ⏎ ');
}

function formatField(name: string, value: unknown): string {
  if (SECRET_FIELD.test(name)) return `${name}=[redacted]`;
  const text =
    typeof value === 'string'
      ? oneLine(value)
      : oneLine(String(JSON.stringify(value, redactSecrets)));
  return `${name}=${/\s/.test(text) ? JSON.stringify(text) : text}`;
}

/**
 * A {@link DeviceLogger} that writes exactly one line per event, readable by a field technician and
 * by journald: `2026-11-22T08:00:00.000Z WARN  identity.productionRefused <message> key=value ...`.
 * Fields whose name suggests a secret (key, token, PEM, signature, password) are printed as
 * `[redacted]`, in nested objects too; a PEM block in a message or value is replaced by
 * `[redacted PEM]`; line breaks inside a message or value are shown as `⏎`.
 *
 * @param options.level - least severe level written. Defaults to `info`.
 * @param options.write - where lines go (one call per event, without the newline). Defaults to
 *   standard error.
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
        `${new Date(now()).toISOString()} ${lineLevel.toUpperCase().padEnd(5)} ${oneLine(event)} ${oneLine(message)}${extra}`,
      );
    },
  };
}
