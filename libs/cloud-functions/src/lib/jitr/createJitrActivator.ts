import { parseCertificate, type ParsedCertificate } from '@iot-gateway-net/pki';
import {
  CaCertificateRegisteredEventSchema,
  THING_NAME_PATTERN,
  type CaCertificateRegisteredEvent,
} from '@iot-gateway-net/topics';
import { z } from 'zod';
import { CloudFunctionError } from '../errors/CloudFunctionError.js';
import type { CloudFunctionClock, CloudFunctionLog, IotControlPort } from '../ports/types.js';

/** Options of {@link createJitrActivator}. */
export interface JitrActivatorOptions {
  readonly iot: IotControlPort;
  /** The production policy (design 4.2) attached to every activated certificate. */
  readonly productionPolicyName: string;
  readonly clock: CloudFunctionClock;
  readonly log: CloudFunctionLog;
  /**
   * Where the thing name comes from: the subject common name, or a function of the parsed
   * certificate. Defaults to `'commonName'`.
   */
  readonly thingNameFrom?: 'commonName' | ((certificate: ParsedCertificate) => string | undefined);
}

/** What {@link createJitrActivator}'s function did. */
export interface JitrActivation {
  readonly thingName: string;
  readonly certificateId: string;
}

/**
 * Creates the just-in-time-registration activator (issue 4 item 6; AWS IoT developer guide
 * "Just-in-time registration"): when a device presents an unknown certificate signed by a CA
 * registered with auto-registration, AWS registers it PENDING_ACTIVATION and publishes
 * `$aws/events/certificates/registered/<caCertificateId>`. This function then DescribeCertificate →
 * reads the thing name from the certificate → CreateThing (kept if it exists) → AttachPolicy
 * `productionPolicyName` → AttachThingPrincipal → UpdateCertificate ACTIVE, so the device's next
 * CONNECT succeeds. Activation goes last, so a failure half-way leaves a certificate that still
 * cannot connect, and a retried event completes the work (every step is idempotent).
 *
 * IoT rule: `SELECT * FROM '$aws/events/certificates/registered/+'` with a Lambda action.
 *
 * @throws {CloudFunctionError} from the returned function: `INVALID_EVENT` when the event is not a
 *   certificate registration event; `CERTIFICATE_NOT_FOUND`; `CERTIFICATE_NOT_ACTIVATABLE` when the
 *   certificate is INACTIVE, REVOKED or in transfer (an operator decision must not be undone by a
 *   reconnecting device) or was not signed by the event's CA; `INVALID_COMMON_NAME` when no valid
 *   thing name can be read (the certificate stays PENDING_ACTIVATION); `AWS_ERROR` from the port.
 */
export function createJitrActivator(
  options: JitrActivatorOptions,
): (event: CaCertificateRegisteredEvent) => Promise<JitrActivation> {
  const { iot, productionPolicyName, clock, log, thingNameFrom = 'commonName' } = options;
  if (productionPolicyName === '') {
    throw new CloudFunctionError(
      'INVALID_OPTIONS',
      'Unexpected productionPolicyName "", expected the name of the production IoT policy',
    );
  }

  const refuse = (
    code: 'CERTIFICATE_NOT_FOUND' | 'CERTIFICATE_NOT_ACTIVATABLE' | 'INVALID_COMMON_NAME',
    message: string,
    fields: Record<string, unknown>,
  ): CloudFunctionError => {
    log('jitr.refused', { code, message, ...fields });
    return new CloudFunctionError(code, message);
  };

  return async (rawEvent) => {
    const parsed = CaCertificateRegisteredEventSchema.safeParse(rawEvent);
    if (!parsed.success) {
      throw new CloudFunctionError(
        'INVALID_EVENT',
        `Unexpected certificate registration event: ${z.prettifyError(parsed.error)}`,
        { cause: parsed.error },
      );
    }
    const { certificateId, caCertificateId } = parsed.data;
    const fields = { certificateId, caCertificateId };

    const certificate = await iot.describeCertificate(certificateId);
    if (certificate === undefined) {
      throw refuse('CERTIFICATE_NOT_FOUND', `Unknown certificate "${certificateId}"`, fields);
    }
    if (certificate.status !== 'PENDING_ACTIVATION' && certificate.status !== 'ACTIVE') {
      throw refuse(
        'CERTIFICATE_NOT_ACTIVATABLE',
        `Certificate "${certificateId}" is ${certificate.status}, expected PENDING_ACTIVATION`,
        fields,
      );
    }
    if (
      certificate.caCertificateId !== undefined &&
      certificate.caCertificateId !== caCertificateId
    ) {
      throw refuse(
        'CERTIFICATE_NOT_ACTIVATABLE',
        `Certificate "${certificateId}" was registered with CA "${certificate.caCertificateId}", expected "${caCertificateId}"`,
        fields,
      );
    }

    let thingName: string | undefined;
    try {
      const parsedCertificate = parseCertificate(certificate.certificatePem);
      thingName =
        thingNameFrom === 'commonName'
          ? parsedCertificate.commonName
          : thingNameFrom(parsedCertificate);
    } catch (error) {
      log('jitr.refused', { code: 'INVALID_COMMON_NAME', ...fields, cause: String(error) });
      throw new CloudFunctionError(
        'INVALID_COMMON_NAME',
        `Certificate "${certificateId}" could not be read: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    // A pattern test rather than the isThingName guard keeps the invalid string's type for the message.
    if (thingName === undefined || !THING_NAME_PATTERN.test(thingName)) {
      throw refuse(
        'INVALID_COMMON_NAME',
        `Unexpected thing name ${thingName === undefined ? '(no common name)' : `"${thingName}"`} in certificate "${certificateId}", expected [a-zA-Z0-9:_-]{1,128}; left PENDING_ACTIVATION`,
        fields,
      );
    }

    if ((await iot.describeThing(thingName)) === undefined) {
      await iot.createThing(thingName);
    }
    await iot.attachPolicy(productionPolicyName, certificate.certificateArn);
    await iot.attachThingPrincipal(thingName, certificate.certificateArn);
    if (certificate.status !== 'ACTIVE') {
      await iot.updateCertificate(certificateId, 'ACTIVE');
    }
    log('jitr.activated', {
      ...fields,
      thingName,
      policyName: productionPolicyName,
      at: clock.now().toISOString(),
    });
    return { thingName, certificateId };
  };
}
