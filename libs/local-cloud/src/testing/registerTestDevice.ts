import { X509Certificate } from 'node:crypto';
import type { PolicyDocument } from '@iot-gateway-net/policy';
import type { CertificateRecord, CertificateStatus, Registry } from '../lib/registry/types.js';

/** What {@link registerTestDevice} registers. */
export interface TestDeviceRegistration {
  /** Thing to attach the certificate to (created if missing); omit for a certificate alone. */
  readonly thingName?: string;
  readonly certificatePem: string;
  /** Policies to create (by name, if missing) and attach to the certificate. Defaults to none. */
  readonly policies?: Readonly<Record<string, PolicyDocument>>;
  /** Defaults to `'ACTIVE'`. */
  readonly status?: CertificateStatus;
  /** Epoch ms of the record's creation. Defaults to the certificate's notBefore. */
  readonly creationDate?: number;
}

/**
 * Registers a device straight in `registry` as the provisioning flow would leave it: its
 * certificate (ACTIVE unless told otherwise, id = SHA-256 of the DER as AWS computes it), its thing
 * attached, its policies attached to the certificate. For specs below the control plane.
 *
 * @returns the certificate record.
 */
export function registerTestDevice(
  registry: Registry,
  device: TestDeviceRegistration,
): CertificateRecord {
  const x509 = new X509Certificate(device.certificatePem);
  const certificateId = x509.fingerprint256.replaceAll(':', '').toLowerCase();
  const certificateArn = `arn:aws:iot:${registry.region}:${registry.accountId}:cert/${certificateId}`;
  const notBefore = Date.parse(x509.validFrom);
  return registry.transaction(() => {
    const certificate = registry.insertCertificate({
      certificateId,
      certificateArn,
      certificatePem: device.certificatePem,
      status: device.status ?? 'ACTIVE',
      creationDate: device.creationDate ?? notBefore,
      notBefore,
      notAfter: Date.parse(x509.validTo),
      certificateMode: 'DEFAULT',
      origin: 'api',
    });
    if (device.thingName !== undefined) {
      if (registry.getThing(device.thingName) === undefined) {
        registry.createThing({ thingName: device.thingName });
      }
      registry.attachThingPrincipal(device.thingName, certificateArn);
    }
    for (const [name, document] of Object.entries(device.policies ?? {})) {
      if (registry.getPolicy(name) === undefined) {
        registry.createPolicy(name, JSON.stringify(document));
      }
      registry.attachPolicy(name, certificateArn);
    }
    return certificate;
  });
}
