import { PAYLOAD_FORMATS } from '@iot-gateway-net/topics';
import { z } from 'zod';
import { ProvisioningError } from '../errors/ProvisioningError.js';
import { sleep } from '../retry/sleep.js';
import type { RetryPolicy } from '../retry/types.js';
import type { ProvisioningClientOptions } from './types.js';

const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1_000, maxDelayMs: 30_000 };
const DEFAULT_TIMEOUT_MS = 10_000;
/** setTimeout clamps larger delays to 1 ms, which would turn a long timeout into none. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const SettingsSchema = z.object({
  format: z.enum(PAYLOAD_FORMATS),
  timeoutMs: z.number().int().positive().max(MAX_TIMER_MS),
  retry: z
    .object({
      attempts: z.number().int().min(1),
      baseDelayMs: z.number().int().nonnegative().max(MAX_TIMER_MS),
      maxDelayMs: z.number().int().nonnegative().max(MAX_TIMER_MS),
    })
    .refine((policy) => policy.maxDelayMs >= policy.baseDelayMs, {
      message: 'maxDelayMs must be at least baseDelayMs',
      path: ['maxDelayMs'],
    }),
});

/** {@link ProvisioningClientOptions} with every default filled in and checked. */
export type ResolvedClientOptions = Required<Omit<ProvisioningClientOptions, 'retry'>> & {
  readonly retry: RetryPolicy;
};

/**
 * Fills in the defaults of {@link ProvisioningClientOptions} and checks them.
 *
 * @throws {ProvisioningError} `INVALID_ARGUMENT` naming the offending option.
 */
export function resolveClientOptions(options: ProvisioningClientOptions): ResolvedClientOptions {
  const { connection } = options;
  if (typeof connection !== 'object' || connection === null) {
    throw new ProvisioningError(
      'INVALID_ARGUMENT',
      `Unexpected connection ${String(connection)}, expected a ProvisioningConnection (see fromMqttJs)`,
    );
  }
  const parsed = SettingsSchema.safeParse({
    format: options.format ?? 'json',
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry: { ...DEFAULT_RETRY, ...options.retry },
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ProvisioningError(
      'INVALID_ARGUMENT',
      `Unexpected provisioning client options (${problems.join('; ')}), expected format 'json' | 'cbor', timeoutMs > 0 and retry { attempts >= 1, 0 <= baseDelayMs <= maxDelayMs }`,
      { cause: parsed.error },
    );
  }
  return {
    connection,
    ...parsed.data,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? sleep,
    clock: options.clock ?? { now: () => Date.now() },
  };
}
