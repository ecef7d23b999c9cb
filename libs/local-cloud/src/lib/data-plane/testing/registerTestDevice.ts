import { X509Certificate } from 'node:crypto';
import type { PolicyDocument } from '@iot-gateway-net/policy';
import type { CertificateRecord, Registry } from '../../registry/types.js';

/** What {@link registerTestDevice} registers. */
export interface TestDevice {
  /** Thing to create and attach the certificate to; omit for a certificate without a thing. */
  thingName?: string;
  certificatePem: string;
  /** Policies to create (named `<name>`) and attach to the certificate. */
  policies: Record<string, PolicyDocument>;
}

/**
 * Registers a device as the provisioning flow would leave it: its certificate ACTIVE, its thing
 * created and attached, its policies created and attached to the certificate. For specs.
 *
 * @returns the certificate record.
 */
export function registerTestDevice(registry: Registry, device: TestDevice): CertificateRecord {
  const x509 = new X509Certificate(device.certificatePem);
  const certificateId = x509.fingerprint256.replaceAll(':', '').toLowerCase();
  const certificateArn = `arn:aws:iot:${registry.region}:${registry.accountId}:cert/${certificateId}`;
  return registry.transaction(() => {
    const certificate = registry.insertCertificate({
      certificateId,
      certificateArn,
      certificatePem: device.certificatePem,
      status: 'ACTIVE',
      creationDate: Date.parse(x509.validFrom),
      notBefore: Date.parse(x509.validFrom),
      notAfter: Date.parse(x509.validTo),
      certificateMode: 'DEFAULT',
      origin: 'api',
    });
    if (device.thingName !== undefined) {
      registry.createThing({ thingName: device.thingName });
      registry.attachThingPrincipal(device.thingName, certificateArn);
    }
    for (const [name, document] of Object.entries(device.policies)) {
      if (registry.getPolicy(name) === undefined) {
        registry.createPolicy(name, JSON.stringify(document));
      }
      registry.attachPolicy(name, certificateArn);
    }
    return certificate;
  });
}
