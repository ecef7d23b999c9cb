import { IoTClient } from '@aws-sdk/client-iot';
import type { CaCertificateRegisteredEvent } from '@iot-gateway-net/topics';
import { z } from 'zod';
import { CloudFunctionError } from '../errors/CloudFunctionError.js';
import { fromIotClient } from '../ports/fromIotClient.js';
import type { CloudFunctionClock, CloudFunctionLog, IotControlPort } from '../ports/types.js';
import { createJitrActivator, type JitrActivation } from '../jitr/createJitrActivator.js';
import { createPreProvisioningHook } from '../pre-provisioning/createPreProvisioningHook.js';
import type {
  PreProvisioningHookInput,
  PreProvisioningHookOutput,
} from '@iot-gateway-net/provisioning-templates';
import { createRotationCommitHandler } from '../rotation-commit/createRotationCommitHandler.js';
import type { RotationCommitAnswer } from '../rotation-commit/schemas.js';

const EnvSchema = z.object({
  AWS_REGION: z.string().min(1).optional(),
  PRODUCTION_POLICY_NAME: z.string().min(1).optional(),
  ALLOWED_SERIALS: z.string().optional(),
});

/** Options of {@link lambdaHandlers}. */
export interface LambdaHandlersOptions {
  /** Usually `process.env`. Reads `AWS_REGION`, `PRODUCTION_POLICY_NAME`, `ALLOWED_SERIALS`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Publishes the rotation-commit answer (an IoT data-plane Publish; the CDK stack supplies it).
   * Without it the rotation-commit handler only returns its answer.
   */
  readonly publish?: (topic: string, payload: unknown) => Promise<void>;
  /** Defaults to `fromIotClient(new IoTClient({ region: env.AWS_REGION }))`. */
  readonly iot?: IotControlPort;
  /** Defaults to the system clock. */
  readonly clock?: CloudFunctionClock;
  /** Defaults to one JSON line per event on stdout (CloudWatch Logs in Lambda). */
  readonly log?: CloudFunctionLog;
}

/** The three Lambda handlers built by {@link lambdaHandlers}. */
export interface LambdaHandlers {
  readonly rotationCommit: (event: unknown) => Promise<RotationCommitAnswer>;
  readonly preProvisioningHook: (
    input: PreProvisioningHookInput,
  ) => Promise<PreProvisioningHookOutput>;
  readonly jitrActivator: (event: CaCertificateRegisteredEvent) => Promise<JitrActivation>;
}

function requireVar(name: string, value: string | undefined): string {
  if (value === undefined) {
    throw new CloudFunctionError(
      'INVALID_OPTIONS',
      `Missing environment variable ${name}, expected a non-empty string`,
    );
  }
  return value;
}

/**
 * Builds the Lambda entry points from environment variables, for the CDK stack (a later issue)
 * to export as `export const handler = lambdaHandlers({ env: process.env }).rotationCommit`.
 * Each handler is built on its first invocation, so a function only needs its own variables:
 * `jitrActivator` needs `PRODUCTION_POLICY_NAME`; `preProvisioningHook` reads `ALLOWED_SERIALS`
 * (comma-separated serials; missing or empty allows none); all use `AWS_REGION` (set by Lambda).
 * The rotation gate uses its defaults (30 days' lead, 365 days' maximum age).
 *
 * @throws {CloudFunctionError} `INVALID_OPTIONS` (from a handler's first call) when a variable it
 *   needs is missing or empty; otherwise what the handler throws.
 */
export function lambdaHandlers(options: LambdaHandlersOptions): LambdaHandlers {
  const envResult = EnvSchema.safeParse(options.env);
  if (!envResult.success) {
    throw new CloudFunctionError(
      'INVALID_OPTIONS',
      `Unexpected environment: ${z.prettifyError(envResult.error)}`,
      { cause: envResult.error },
    );
  }
  const env = envResult.data;
  const clock = options.clock ?? { now: () => new Date() };
  const log: CloudFunctionLog =
    options.log ?? ((event, fields) => console.log(JSON.stringify({ event, ...fields })));
  let iot = options.iot;
  const port = (): IotControlPort => {
    iot ??= fromIotClient(
      new IoTClient(env.AWS_REGION === undefined ? {} : { region: env.AWS_REGION }),
    );
    return iot;
  };

  let rotationCommit: LambdaHandlers['rotationCommit'] | undefined;
  let preProvisioningHook: LambdaHandlers['preProvisioningHook'] | undefined;
  let jitrActivator: LambdaHandlers['jitrActivator'] | undefined;

  return {
    rotationCommit: async (event) => {
      rotationCommit ??= createRotationCommitHandler({ iot: port(), clock, log });
      const answer = await rotationCommit(event);
      await options.publish?.(answer.topic, answer.payload);
      return answer;
    },
    preProvisioningHook: async (input) => {
      if (preProvisioningHook === undefined) {
        const allowed = new Set(
          (env.ALLOWED_SERIALS ?? '')
            .split(',')
            .map((serial) => serial.trim())
            .filter((serial) => serial !== ''),
        );
        preProvisioningHook = createPreProvisioningHook({
          allowedSerials: (serial) => allowed.has(serial),
          iot: port(),
          clock,
          log,
        });
      }
      return await preProvisioningHook(input);
    },
    jitrActivator: async (event) => {
      jitrActivator ??= createJitrActivator({
        iot: port(),
        productionPolicyName: requireVar('PRODUCTION_POLICY_NAME', env.PRODUCTION_POLICY_NAME),
        clock,
        log,
      });
      return await jitrActivator(event);
    },
  };
}
