import { isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { DeviceError } from '../errors/DeviceError.js';
import { DeviceConfigSchema, type DeviceConfig } from './schemas.js';

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** One line for the first problem: the field, what was wrong, what was received. */
function firstProblem(error: z.ZodError, input: unknown): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid configuration';
  const field = issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
  const unknownKeys =
    issue.code === 'unrecognized_keys' ? ` (${issue.keys.map((k) => `"${k}"`).join(', ')})` : '';
  const received =
    issue.code === 'unrecognized_keys' ? '' : `, received ${describe(valueAt(input, issue.path))}`;
  return `${field}: ${issue.message}${unknownKeys}${received}`;
}

/**
 * Validates a device configuration value (the parsed JSON of the config file) and resolves its
 * relative paths against `baseDir`.
 *
 * @param value - the configuration as read from JSON.
 * @param options.baseDir - directory relative paths resolve against. Defaults to the working directory.
 * @param options.source - what to name in the error (the file path). Defaults to `device config`.
 * @throws {DeviceError} `CONFIG` with one line naming the first invalid field, the problem and the
 *   value received; the zod error is its `cause`.
 */
export function parseDeviceConfig(
  value: unknown,
  options: { baseDir?: string; source?: string } = {},
): DeviceConfig {
  const { baseDir = process.cwd(), source = 'device config' } = options;
  const parsed = DeviceConfigSchema.safeParse(value);
  if (!parsed.success) {
    throw new DeviceError('CONFIG', `Invalid ${source}: ${firstProblem(parsed.error, value)}`, {
      cause: parsed.error,
    });
  }
  const config = parsed.data;
  const absolute = (path: string) => (isAbsolute(path) ? path : resolve(baseDir, path));
  return {
    ...config,
    paths: {
      rootCa: absolute(config.paths.rootCa),
      claimCertificate: absolute(config.paths.claimCertificate),
      claimPrivateKey: absolute(config.paths.claimPrivateKey),
      stateDir: absolute(config.paths.stateDir),
    },
  };
}
