import { derToPem, parseCertificate, verifyCertificateSignedBy } from '@iot-gateway-net/pki';
import {
  CaCertificateRegisteredEventSchema,
  caCertificateRegisteredTopic,
  type CaCertificateRegisteredEvent,
} from '@iot-gateway-net/topics';
import type { UnknownCertificateEvent } from '../broker/types.js';
import type { CloudContext } from '../context/CloudContext.js';
import type { MessageBus } from '../context/MessageBus.js';
import { newCertificateRecord } from '../control-plane/newCertificateRecord.js';
import { isJustInTimeProvisioning } from '../jitp/isJustInTimeProvisioning.js';
import { provisionJustInTime } from '../jitp/provisionJustInTime.js';
import type { CaCertificateRecord } from '../registry/types.js';

/** Options of {@link createJustInTimeRegistration}. */
export interface JustInTimeRegistrationOptions {
  /**
   * Called after the registration event of a JITR certificate was published, for the rules on
   * `$aws/events/certificates/registered/+` (`startLocalCloud` hands it to `Rules.dispatch`, where
   * the `amr-jitr-activator` rule runs `createJitrActivator` of `@iot-gateway-net/cloud-functions`,
   * as an AWS IoT rule would invoke it as a Lambda). Errors are logged. Defaults to none: the
   * certificate stays PENDING_ACTIVATION, as on AWS without such a rule. Not called for
   * certificates of a CA with a JITP template, which the template has provisioned already.
   */
  onRegistered?: (event: CaCertificateRegisteredEvent) => Promise<unknown>;
}

/**
 * Creates the broker's `onUnknownCertificate` handler for just-in-time registration and
 * provisioning. A certificate signed by an ACTIVE registered CA with auto-registration ENABLE is
 * registered and `$aws/events/certificates/registered/<caCertificateId>` is published with AWS's
 * fields (AWS IoT Developer Guide, "Just-in-time registration": the event follows whenever "AWS IoT
 * automatically registers a certificate", so JITP certificates get it too):
 *
 * - JITR (the CA has no template): registered PENDING_ACTIVATION (origin `jitr`); `onRegistered`
 *   then runs.
 * - JITP (the CA's `registrationConfig` has a template body or name): provisioned at once from the
 *   template by `provisionJustInTime` (origin `jitp`) — thing, policies, attachments and status in
 *   one transaction. A template that cannot provision the certificate leaves nothing behind; the
 *   failure is logged (`jitp.failed`) and no event is published.
 *
 * The triggering CONNECT is refused either way: the broker answers before this runs, and AWS
 * refuses it too ("The TLS handshake will fail at the first connection ... The device must have
 * logic to reconnect", AWS IoT Atlas, "Provisioning - JITP"). Certificates of other CAs are ignored
 * (logged at debug as `jitr.no_auto_registration_ca`). Never throws: failures are logged.
 */
export function createJustInTimeRegistration(
  ctx: CloudContext,
  bus: MessageBus,
  options: JustInTimeRegistrationOptions = {},
): (event: UnknownCertificateEvent) => Promise<void> {
  const log = ctx.logger.child({ component: 'jitr' });
  // Concurrent CONNECTs with the same certificate must register it once.
  const inFlight = new Set<string>();

  const findSigningCa = async (der: Uint8Array): Promise<CaCertificateRecord | undefined> => {
    let nextToken: string | undefined;
    do {
      const page = ctx.registry.listCaCertificates({
        maxResults: 250,
        ...(nextToken === undefined ? {} : { nextToken }),
      });
      for (const ca of page.items) {
        if (ca.status !== 'ACTIVE' || ca.autoRegistrationStatus !== 'ENABLE') continue;
        if (await verifyCertificateSignedBy(der, ca.caCertificatePem)) return ca;
      }
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    return undefined;
  };

  /** JITR: registers the certificate PENDING_ACTIVATION; `false` when it exists already. */
  const register = (ca: CaCertificateRecord, der: Uint8Array): boolean => {
    const parsed = parseCertificate(der);
    const registered = ctx.registry.transaction(() => {
      if (ctx.registry.getCertificate(parsed.certificateId) !== undefined) return false;
      ctx.registry.insertCertificate(
        newCertificateRecord(ctx, {
          certificateId: parsed.certificateId,
          certificatePem: derToPem(der, 'CERTIFICATE'),
          notBefore: parsed.notBefore,
          notAfter: parsed.notAfter,
          status: 'PENDING_ACTIVATION',
          certificateMode: 'DEFAULT',
          origin: 'jitr',
          caCertificateId: ca.caCertificateId,
        }),
      );
      return true;
    });
    if (registered) {
      log.info('jitr.registered', {
        certificateId: parsed.certificateId,
        caCertificateId: ca.caCertificateId,
      });
    }
    return registered;
  };

  /** JITP: provisions from the CA's template; `false` when it failed or the certificate exists. */
  const provision = (ca: CaCertificateRecord, event: UnknownCertificateEvent): boolean => {
    const fields = { certificateId: event.certificateId, caCertificateId: ca.caCertificateId };
    let provisioned;
    try {
      provisioned = provisionJustInTime(ctx, ca, event.certificateDer);
    } catch (error) {
      // On AWS a failed JITP shows only in CloudWatch ("Device provisioning metrics"); the device
      // keeps being refused and nothing is registered.
      log.warn('jitp.failed', { ...fields, error });
      return false;
    }
    if (provisioned === undefined) return false;
    log.info('jitp.provisioned', {
      ...fields,
      thingName: provisioned.thingName,
      certificateStatus: provisioned.certificate.status,
    });
    return true;
  };

  return async (event) => {
    if (inFlight.has(event.certificateId)) return;
    inFlight.add(event.certificateId);
    try {
      const ca = await findSigningCa(event.certificateDer);
      if (ca === undefined) {
        log.debug('jitr.no_auto_registration_ca', { certificateId: event.certificateId });
        return;
      }
      const jitp = isJustInTimeProvisioning(ca);
      const registered = jitp ? provision(ca, event) : register(ca, event.certificateDer);
      if (!registered) return;
      const now = ctx.clock.now();
      const payload = CaCertificateRegisteredEventSchema.parse({
        certificateId: event.certificateId,
        caCertificateId: ca.caCertificateId,
        timestamp: now,
        certificateStatus: 'PENDING_ACTIVATION',
        awsAccountId: ctx.accountId,
        certificateRegistrationTimestamp: String(now),
      });
      await bus.publish(caCertificateRegisteredTopic(ca.caCertificateId), JSON.stringify(payload));
      if (!jitp && options.onRegistered !== undefined) await options.onRegistered(payload);
    } catch (error) {
      log.error('jitr.failed', { certificateId: event.certificateId, error });
    } finally {
      inFlight.delete(event.certificateId);
    }
  };
}
