import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { DeviceError } from '../errors/DeviceError.js';
import { parseDeviceConfig } from './parseDeviceConfig.js';
import type { DeviceConfig } from './schemas.js';

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String(error.code)
    : 'unknown';
}

/**
 * Reads the device daemon's JSON configuration file, validates it with `DeviceConfigSchema` and
 * resolves relative paths against the file's directory.
 *
 * @throws {DeviceError} `CONFIG` with one line: the file cannot be read, is not JSON, or names the
 *   first invalid field with the problem and the value received.
 */
export async function loadDeviceConfig(path: string): Promise<DeviceConfig> {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new DeviceError(
      'CONFIG',
      `Cannot read device config "${file}" (${errorCode(cause)}), expected a readable JSON file`,
      { cause },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new DeviceError(
      'CONFIG',
      `Invalid device config "${file}": not JSON (${reason.split('\n')[0] ?? ''})`,
      { cause },
    );
  }
  return parseDeviceConfig(value, { baseDir: dirname(file), source: `device config "${file}"` });
}
