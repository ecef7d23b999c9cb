import type { CredentialRecord } from '../context/CredentialStore.js';
import type { CertificateRecord } from '../registry/types.js';

/** A distinguished name as Node's `tls` reports it: OpenSSL short names to one or more values. */
export type DistinguishedName = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * What the TLS layer tells about a client certificate (a subset of Node's `PeerCertificate`), from
 * which the X.509 certificate policy variables are read.
 */
export interface CertificateFacts {
  readonly subject: DistinguishedName;
  readonly issuer: DistinguishedName;
  /** Hex, as Node and `openssl x509 -serial` print it. */
  readonly serialNumber: string;
  /** Epoch ms. */
  readonly notBefore: number;
  /** Epoch ms. */
  readonly notAfter: number;
  /** Node's `subjectaltname`, e.g. `DNS:robot.local, IP Address:192.0.2.1`. */
  readonly subjectAltName?: string;
}

/** Who is connecting, as the transport established it. */
export type ConnectionIdentity =
  | {
      readonly kind: 'certificate';
      /** The registry record of the client certificate (already checked to be usable). */
      readonly certificate: CertificateRecord;
      readonly facts: CertificateFacts;
    }
  | {
      readonly kind: 'credential';
      /** The SigV4 credential the WebSocket URL was signed with. */
      readonly credential: CredentialRecord;
    };
