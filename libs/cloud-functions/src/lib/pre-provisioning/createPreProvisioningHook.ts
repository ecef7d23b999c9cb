import {
  PreProvisioningHookInputSchema,
  type PreProvisioningHookInput,
  type PreProvisioningHookOutput,
} from '@iot-gateway-net/provisioning-templates';
import { THING_NAME_PATTERN } from '@iot-gateway-net/topics';
import { z } from 'zod';
import { CloudFunctionError } from '../errors/CloudFunctionError.js';
import { certificateIdFromArn } from '../ports/certificateIdFromArn.js';
import type {
  CertificateInfo,
  CloudFunctionClock,
  CloudFunctionLog,
  IotControlPort,
} from '../ports/types.js';
import { RotationGateOptionsSchema, type RotationGateOptions } from './schemas.js';

const DAY_MS = 86_400_000;

/** Options of {@link createPreProvisioningHook}. */
export interface PreProvisioningHookOptions {
  /** The serial-number allowlist: `true` lets the serial provision. */
  readonly allowedSerials: (serial: string) => boolean | Promise<boolean>;
  /** The RegisterThing parameter carrying the serial. Defaults to `'SerialNumber'`. */
  readonly serialParameter?: string;
  /**
   * The thing name the template gives this serial, to find the robot's current certificates.
   * Defaults to the serial itself.
   */
  readonly thingNameFor?: (serial: string) => string;
  /** Extra parameters for the template (AWS merges them over the request's). Defaults to none. */
  readonly parameterOverrides?: (context: {
    serial: string;
    thingName: string;
  }) => Record<string, string>;
  readonly iot: IotControlPort;
  readonly clock: CloudFunctionClock;
  /** Defaults to a no-op. */
  readonly log?: CloudFunctionLog;
  /** Defaults to `{ renewalLeadDays: 30, maxAgeDays: 365 }`. */
  readonly rotation?: RotationGateOptions;
}

/**
 * When a certificate becomes due for renewal: `renewalLeadDays` before the earlier of its notAfter
 * and `maxAgeDays` after its notBefore (or registration when the registry reports no validity).
 */
function dueAt(
  certificate: CertificateInfo,
  gate: { renewalLeadDays: number; maxAgeDays: number },
): number {
  const start = (certificate.notBefore ?? certificate.creationDate).getTime();
  const end = Math.min(
    certificate.notAfter?.getTime() ?? Number.POSITIVE_INFINITY,
    start + gate.maxAgeDays * DAY_MS,
  );
  return end - gate.renewalLeadDays * DAY_MS;
}

/**
 * Creates the pre-provisioning hook of the fleet-provisioning template (design 2.4, aws-wire §2),
 * with AWS's input/output contract ("Pre-provisioning hooks"). It allows RegisterThing only when:
 *
 * 1. the `serialParameter` parameter is present and `allowedSerials(serial)` says yes, and
 * 2. the rotation gate passes: the thing `thingNameFor(serial)` does not exist, or none of its
 *    certificates (other than the one being provisioned) is ACTIVE and healthy. Healthy means not
 *    yet due: more than `renewalLeadDays` before its notAfter and before `maxAgeDays` of age.
 *
 * Why the gate: the claim certificate is shared knowledge of the factory image, so whoever steals
 * one must not be able to take over a robot that is running fine. A robot with no ACTIVE
 * certificate (new, revoked, deactivated) or with a certificate that is due or expired may
 * re-provision; the old certificate then stays attached until the robot commits the rotation with
 * its new one (see `createRotationCommitHandler`). Every denial is logged with its reason.
 *
 * Must answer within AWS's 5 seconds: it makes one ListThingPrincipals and one DescribeCertificate
 * per attached certificate.
 *
 * @throws {CloudFunctionError} `INVALID_OPTIONS` when the rotation settings are invalid;
 *   from the returned function, `INVALID_EVENT` when the input is not AWS's hook input (AWS then
 *   refuses provisioning, as for any hook failure).
 */
export function createPreProvisioningHook(
  options: PreProvisioningHookOptions,
): (input: PreProvisioningHookInput) => Promise<PreProvisioningHookOutput> {
  const {
    allowedSerials,
    serialParameter = 'SerialNumber',
    thingNameFor = (serial: string) => serial,
    parameterOverrides,
    iot,
    clock,
    log = () => undefined,
  } = options;
  const gateResult = RotationGateOptionsSchema.safeParse(options.rotation ?? {});
  if (!gateResult.success) {
    throw new CloudFunctionError(
      'INVALID_OPTIONS',
      `Unexpected rotation options ${JSON.stringify(options.rotation)}: ${z.prettifyError(gateResult.error)}`,
      { cause: gateResult.error },
    );
  }
  const gate = gateResult.data;

  return async (rawInput) => {
    const parsed = PreProvisioningHookInputSchema.safeParse(rawInput);
    if (!parsed.success) {
      throw new CloudFunctionError(
        'INVALID_EVENT',
        `Unexpected pre-provisioning hook input: ${z.prettifyError(parsed.error)}`,
        { cause: parsed.error },
      );
    }
    const input = parsed.data;
    const deny = (reason: string, fields: Record<string, unknown> = {}) => {
      log('provisioning.hook.denied', {
        reason,
        certificateId: input.certificateId,
        claimCertificateId: input.claimCertificateId,
        clientId: input.clientId,
        ...fields,
      });
      return { allowProvisioning: false };
    };

    const serial = input.parameters[serialParameter];
    if (serial === undefined || serial === '') {
      return deny(`Missing parameter "${serialParameter}"`);
    }
    if (!(await allowedSerials(serial))) {
      return deny(`Serial "${serial}" is not in the allowlist`, { serial });
    }
    const thingName = thingNameFor(serial);
    if (!THING_NAME_PATTERN.test(thingName)) {
      return deny(
        `Serial "${serial}" maps to thing name "${thingName}", expected [a-zA-Z0-9:_-]{1,128}`,
        { serial },
      );
    }

    const now = clock.now().getTime();
    const principals = (await iot.listThingPrincipals(thingName)) ?? [];
    for (const arn of principals) {
      const certificateId = certificateIdFromArn(arn);
      if (certificateId === undefined || certificateId === input.certificateId) {
        continue;
      }
      const certificate = await iot.describeCertificate(certificateId);
      if (certificate?.status !== 'ACTIVE') {
        continue;
      }
      const due = dueAt(certificate, gate);
      if (now < due) {
        return deny(
          `Thing "${thingName}" has ACTIVE certificate "${certificateId}" not due for renewal before ${new Date(due).toISOString()}`,
          { serial, thingName, activeCertificateId: certificateId },
        );
      }
    }

    log('provisioning.hook.allowed', {
      serial,
      thingName,
      certificateId: input.certificateId,
      clientId: input.clientId,
    });
    const overrides = parameterOverrides?.({ serial, thingName });
    return overrides === undefined
      ? { allowProvisioning: true }
      : { allowProvisioning: true, parameterOverrides: overrides };
  };
}
