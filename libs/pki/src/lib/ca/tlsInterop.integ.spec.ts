import type { AddressInfo } from 'node:net';
import { connect, createServer, type Server, type TLSSocket } from 'node:tls';
import { signingAlgorithmFor } from '../crypto/signingAlgorithmFor.js';
import { x509 } from '../crypto/x509.js';
import { generateKeyPair } from '../keys/generateKeyPair.js';
import { importPrivateKeyPem } from '../keys/importPrivateKeyPem.js';
import { derToPem } from '../pem/derToPem.js';
import { createTestPki, type TestPki } from '../testing/createTestPki.js';

/**
 * OpenSSL checks validity against the real clock, so this suite alone anchors its PKI at the wall-clock
 * time instead of a fixed date.
 */
const wallClock = new Date();

interface ServerSide {
  authorized: boolean;
  authorizationError: string | undefined;
  certificateId: string | undefined;
}

let pki: TestPki;
let server: Server;
let port: number;
let accepted: Array<(side: ServerSide) => void>;

beforeAll(async () => {
  pki = await createTestPki({ now: wallClock });
  accepted = [];
  server = createServer(
    {
      key: pki.server.privateKeyPem,
      cert: pki.server.certificatePem,
      // Like the local cloud: the device CA plus one self-signed claim certificate registered without CA.
      ca: [pki.ca.certificatePem, pki.claim.certificatePem],
      requestCert: true,
      rejectUnauthorized: false,
    },
    (socket: TLSSocket) => {
      const peer = socket.getPeerCertificate();
      accepted.shift()?.({
        authorized: socket.authorized,
        authorizationError: socket.authorizationError?.toString(),
        certificateId: peer.fingerprint256?.replace(/:/g, '').toLowerCase(),
      });
      socket.end();
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function handshake(client: { key: string; cert: string }, servername?: string) {
  const serverSide = new Promise<ServerSide>((resolve) => accepted.push(resolve));
  const socket = connect({
    host: '127.0.0.1',
    port,
    ...(servername === undefined ? {} : { servername }),
    ca: [pki.ca.certificatePem],
    key: client.key,
    cert: client.cert,
  });
  const clientSide = await new Promise<{ authorized: boolean }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('TLS handshake timed out')), 5_000);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      resolve({ authorized: socket.authorized });
    });
    socket.once('error', (error: Error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  const result = { client: clientSide, server: await serverSide };
  socket.destroy();
  return result;
}

describe('TLS interoperability with Node/OpenSSL', () => {
  it('a CA-issued device certificate authenticates; the server id equals certificateId', async () => {
    const result = await handshake(
      { key: pki.device.privateKeyPem, cert: pki.device.certificatePem },
      'localhost',
    );
    expect(result.client.authorized).toBe(true);
    expect(result.server).toEqual({
      authorized: true,
      authorizationError: undefined,
      certificateId: pki.device.certificateId,
    });
  });

  it('the server certificate verifies by IP address as well as by hostname', async () => {
    const result = await handshake({
      key: pki.device.privateKeyPem,
      cert: pki.device.certificatePem,
    });
    expect(result.client.authorized).toBe(true);
  });

  it('a self-signed claim certificate registered as trusted authenticates', async () => {
    const result = await handshake(
      { key: pki.claim.privateKeyPem, cert: pki.claim.certificatePem },
      'localhost',
    );
    expect(result.server).toMatchObject({
      authorized: true,
      certificateId: pki.claim.certificateId,
    });
  });

  it('an expired device certificate is refused', async () => {
    const result = await handshake(
      { key: pki.expiredDevice.privateKeyPem, cert: pki.expiredDevice.certificatePem },
      'localhost',
    );
    expect(result.server).toMatchObject({
      authorized: false,
      authorizationError: 'CERT_HAS_EXPIRED',
    });
  });

  it('a certificate from an unknown CA is refused', async () => {
    const stranger = await createTestPki({ now: wallClock });
    const result = await handshake(
      { key: stranger.device.privateKeyPem, cert: stranger.device.certificatePem },
      'localhost',
    );
    expect(result.server).toMatchObject({
      authorized: false,
      authorizationError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
  });

  it('the claim key cannot mint certificates that chain to the trusted claim certificate', async () => {
    const claimKeys = await importPrivateKeyPem(pki.claim.privateKeyPem);
    const rogueKeys = await generateKeyPair();
    const claim = new x509.X509Certificate(pki.claim.certificatePem);
    const rogue = await x509.X509CertificateGenerator.create({
      subject: 'CN=rogue',
      issuer: claim.subjectName,
      notBefore: new Date(wallClock.getTime() - 60_000),
      notAfter: new Date(wallClock.getTime() + 3_600_000),
      publicKey: rogueKeys.cryptoKeyPair.publicKey,
      signingKey: claimKeys.cryptoKeyPair.privateKey,
      signingAlgorithm: signingAlgorithmFor(claimKeys.cryptoKeyPair.privateKey),
    });
    const result = await handshake(
      {
        key: rogueKeys.privateKeyPem,
        cert: derToPem(new Uint8Array(rogue.rawData), 'CERTIFICATE'),
      },
      'localhost',
    );
    // OpenSSL refuses the claim as an issuer because it is cA=FALSE.
    expect(result.server).toMatchObject({
      authorized: false,
      authorizationError: 'INVALID_PURPOSE',
    });
  });
});
