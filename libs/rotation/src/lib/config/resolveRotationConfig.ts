import { fromZodError } from '../errors/fromZodError.js';
import { RotationConfigSchema, type RotationConfig, type RotationConfigInput } from './schemas.js';

/**
 * Fills in every missing setting with its default (30-day lead time, 365-day maximum age, CSR method,
 * backoff 5 s × 2 up to 1 h, 120 s step timeout, 1 h ownership token, 1 h retry while a technician is
 * needed, build time 2025-08-01, 5-minute clock skew).
 *
 * @throws RotationError `INVALID_CONFIG` when a value is out of range (the message names the field).
 */
export function resolveRotationConfig(input: RotationConfigInput = {}): RotationConfig {
  const parsed = RotationConfigSchema.safeParse(input);
  if (!parsed.success) {
    throw fromZodError('INVALID_CONFIG', 'Invalid rotation config', parsed.error);
  }
  return parsed.data;
}
