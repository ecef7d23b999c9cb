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
import type { CaCertificateRecord } from '../registry/types.js';

/** Options of {@link createJustInTimeRegistration}. */
export interface JustInTimeRegistrationOptions {
  /**
   * Called after the registration event was published, as an AWS IoT rule on
   * `$aws/events/certificates/registered/+` would invoke a Lambda (e.g. `createJitrActivator` of
   * `@iot-gateway-net/cloud-functions`). Errors are logged. Defaults to none: the certificate stays
   * PENDING_ACTIVATION, as on AWS without such a rule.
   */
  onRegistered?: (event: CaCertificateRegisteredEvent) => Promise<unknown>;
}

/**
 * Creates the broker's `onUnknownCertificate` handler for just-in-time registration (AWS IoT
 * Developer Guide, "Just-in-time registration"): a certificate signed by an ACTIVE registered CA
 * with auto-registration ENABLE is registered PENDING_ACTIVATION (origin `jitr`) and
 * `$aws/events/certificates/registered/<caCertificateId>` is published. Certificates of other CAs
 * are ignored (the connection stays refused either way, as on AWS). Never throws: failures are logged.
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

  return async (event) => {
    if (inFlight.has(event.certificateId)) return;
    inFlight.add(event.certificateId);
    try {
      const parsed = parseCertificate(event.certificateDer);
      const ca = await findSigningCa(event.certificateDer);
      if (ca === undefined) return;
      const registered = ctx.registry.transaction(() => {
        if (ctx.registry.getCertificate(parsed.certificateId) !== undefined) return false;
        ctx.registry.insertCertificate(
          newCertificateRecord(ctx, {
            certificateId: parsed.certificateId,
            certificatePem: derToPem(event.certificateDer, 'CERTIFICATE'),
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
      if (!registered) return;
      const now = ctx.clock.now();
      const payload = CaCertificateRegisteredEventSchema.parse({
        certificateId: parsed.certificateId,
        caCertificateId: ca.caCertificateId,
        timestamp: now,
        certificateStatus: 'PENDING_ACTIVATION',
        awsAccountId: ctx.accountId,
        certificateRegistrationTimestamp: String(now),
      });
      log.info('jitr.registered', {
        certificateId: parsed.certificateId,
        caCertificateId: ca.caCertificateId,
      });
      await bus.publish(caCertificateRegisteredTopic(ca.caCertificateId), JSON.stringify(payload));
      if (options.onRegistered !== undefined) await options.onRegistered(payload);
    } catch (error) {
      log.error('jitr.failed', { certificateId: event.certificateId, error });
    } finally {
      inFlight.delete(event.certificateId);
    }
  };
}
