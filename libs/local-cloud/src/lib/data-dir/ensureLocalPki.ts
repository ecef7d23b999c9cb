import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  createCertificateAuthority,
  loadCertificateAuthority,
  parseCertificate,
  readSecretFile,
  verifyCertificateSignedBy,
  writeSecretFileAtomic,
  type CertificateAuthority,
} from '@iot-gateway-net/pki';
import type { Logger } from '../context/Logger.js';
import type { DataDirPaths } from './dataDirPaths.js';

/** The local cloud's TLS material. */
export interface LocalPki {
  ca: CertificateAuthority;
  rootCaPem: string;
  serverCertPem: string;
  serverKeyPem: string;
}

const DAY_MS = 86_400_000;
/** A server certificate is renewed at start when it has less than this left. */
const SERVER_RENEW_BEFORE_MS = 30 * DAY_MS;
const LOOPBACK_IPS = ['127.0.0.1', '::1'];

/**
 * Loads the local root CA and the server certificate from the data directory, creating them on
 * first start (CA: EC P-256, 10 years; server: SANs = `hostnames` + loopback addresses). The server
 * certificate is re-issued when a host name is missing from it, when it has less than 30 days left,
 * or when the CA changed. Private keys are written atomically with mode 0600.
 */
export async function ensureLocalPki(
  paths: DataDirPaths,
  options: { hostnames: string[]; now: Date; logger: Logger },
): Promise<LocalPki> {
  const { now, logger } = options;
  let rootCaPem = await readOptional(paths.rootCaCert);
  let rootKeyPem = rootCaPem === undefined ? undefined : await readSecretOptional(paths.rootCaKey);
  if (rootCaPem === undefined || rootKeyPem === undefined) {
    const created = await createCertificateAuthority({
      now,
      commonName: 'iot-gateway-net local root CA',
    });
    await mkdir(dirname(paths.rootCaKey), { recursive: true, mode: 0o700 });
    await writeSecretFileAtomic(paths.rootCaKey, created.privateKeyPem);
    await writeSecretFileAtomic(paths.rootCaCert, created.certificatePem, { mode: 0o644 });
    rootCaPem = created.certificatePem;
    rootKeyPem = created.privateKeyPem;
    logger.info('pki.root_ca_created', { certificateId: created.certificateId });
  }
  const ca = await loadCertificateAuthority({
    certificatePem: rootCaPem,
    privateKeyPem: rootKeyPem,
  });

  const wanted = { hostnames: options.hostnames, ipAddresses: LOOPBACK_IPS };
  let serverCertPem = await readOptional(paths.serverCert);
  let serverKeyPem =
    serverCertPem === undefined ? undefined : await readSecretOptional(paths.serverKey);
  if (
    serverCertPem === undefined ||
    serverKeyPem === undefined ||
    !(await serverCertificateFits(serverCertPem, rootCaPem, wanted, now))
  ) {
    const issued = await ca.issueServerCertificate({ now, ...wanted });
    await mkdir(dirname(paths.serverKey), { recursive: true, mode: 0o700 });
    await writeSecretFileAtomic(paths.serverKey, issued.privateKeyPem);
    await writeSecretFileAtomic(paths.serverCert, issued.certificatePem, { mode: 0o644 });
    serverCertPem = issued.certificatePem;
    serverKeyPem = issued.privateKeyPem;
    logger.info('pki.server_certificate_issued', {
      hostnames: options.hostnames,
      notAfter: issued.notAfter.toISOString(),
    });
  }
  return { ca, rootCaPem, serverCertPem, serverKeyPem };
}

async function serverCertificateFits(
  certPem: string,
  caPem: string,
  wanted: { hostnames: string[]; ipAddresses: string[] },
  now: Date,
): Promise<boolean> {
  try {
    const cert = parseCertificate(certPem);
    if (cert.notAfter.getTime() - now.getTime() < SERVER_RENEW_BEFORE_MS) return false;
    const names = new Set([...cert.subjectAltNames.dns, ...cert.subjectAltNames.ip]);
    if (![...wanted.hostnames, ...wanted.ipAddresses].every((n) => names.has(n))) return false;
    return await verifyCertificateSignedBy(certPem, caPem);
  } catch {
    return false;
  }
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function readSecretOptional(path: string): Promise<string | undefined> {
  try {
    return (await readSecretFile(path)).toString('utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'NOT_FOUND') return undefined;
    throw error;
  }
}
