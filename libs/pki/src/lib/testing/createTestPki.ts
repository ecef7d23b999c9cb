import { createCertificateAuthority } from '../ca/createCertificateAuthority.js';
import { loadCertificateAuthority } from '../ca/loadCertificateAuthority.js';
import type { CertificateAuthority } from '../ca/schemas.js';
import { createSelfSignedCertificate } from '../certificates/createSelfSignedCertificate.js';
import type { IssuedCertificateWithKey } from '../certificates/schemas.js';
import { createCsr } from '../csr/createCsr.js';
import { generateKeyPair } from '../keys/generateKeyPair.js';

const DAY_MS = 86_400_000;

/** A device certificate issued through the CSR path, with the key that stayed on the "device". */
export type TestDeviceCertificate = IssuedCertificateWithKey & { readonly thingName: string };

async function issueDevice(
  ca: CertificateAuthority,
  options: { thingName: string; now: Date; lifetimeDays?: number; lifetimeMs?: number },
): Promise<TestDeviceCertificate> {
  const keys = await generateKeyPair();
  const csrPem = await createCsr({ keys, commonName: options.thingName });
  const issued = await ca.issueFromCsr(csrPem, {
    now: options.now,
    ...(options.lifetimeDays === undefined ? {} : { lifetimeDays: options.lifetimeDays }),
    ...(options.lifetimeMs === undefined ? {} : { lifetimeMs: options.lifetimeMs }),
  });
  return {
    ...issued,
    privateKeyPem: keys.privateKeyPem,
    publicKeyPem: keys.publicKeyPem,
    thingName: options.thingName,
  };
}

/**
 * A complete PKI for tests of other libraries, made fresh (EC P-256, a few milliseconds):
 *
 * - `ca`: a loaded CA valid from 2 years before `now` for 10 years (`caPrivateKeyPem` is its key);
 * - `claim`: a self-signed claim certificate, CN `device-claim`, 20 years from `now` (design 12.1);
 * - `device`: a CA-issued client certificate for `thingName` (CN = thing name), 365 days from `now`,
 *   issued through a CSR as CreateCertificateFromCsr would;
 * - `expiredDevice`: the same kind of certificate for `thingName`, which expired 1 day before `now`;
 * - `server`: a CA-issued TLS server certificate for `localhost`, `127.0.0.1` and `::1`;
 * - `issueDevice`: issues more device certificates (e.g. 2-minute ones for rotation tests).
 *
 * Everything is in memory; nothing is written to disk.
 *
 * @param options.now - the tests' "current" time.
 * @param options.thingName - Defaults to `'robot-001'`.
 */
export async function createTestPki(options: { now: Date; thingName?: string }) {
  const { now } = options;
  const thingName = options.thingName ?? 'robot-001';
  const caMaterial = await createCertificateAuthority({
    commonName: 'iot-gateway-net test CA',
    now: new Date(now.getTime() - 2 * 365 * DAY_MS),
  });
  const ca = await loadCertificateAuthority(caMaterial);
  const [claim, device, expiredDevice, server] = await Promise.all([
    createSelfSignedCertificate({ now }),
    issueDevice(ca, { thingName, now }),
    issueDevice(ca, { thingName, now: new Date(now.getTime() - 366 * DAY_MS), lifetimeDays: 365 }),
    ca.issueServerCertificate({
      hostnames: ['localhost'],
      ipAddresses: ['127.0.0.1', '::1'],
      now,
    }),
  ]);
  return {
    now,
    ca,
    caPrivateKeyPem: caMaterial.privateKeyPem,
    claim,
    device,
    expiredDevice,
    server,
    /**
     * Issues a device certificate through a fresh key and CSR.
     * `now` defaults to the PKI's `now`, the lifetime to 365 days.
     */
    issueDevice: (issue: {
      thingName: string;
      now?: Date;
      lifetimeDays?: number;
      lifetimeMs?: number;
    }): Promise<TestDeviceCertificate> => issueDevice(ca, { ...issue, now: issue.now ?? now }),
  };
}

/** What {@link createTestPki} returns. */
export type TestPki = Awaited<ReturnType<typeof createTestPki>>;
