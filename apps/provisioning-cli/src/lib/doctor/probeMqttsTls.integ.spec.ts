import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { createServer, type SecureVersion, type Server } from 'node:tls';
import { createTestPki, type TestPki } from '@iot-gateway-net/pki/testing';
import { probeMqttsTls } from './probeMqttsTls.js';

/**
 * The probe against real TLS servers on port 0: one that, like AWS IoT on 8883, ends the
 * handshake of a client without a certificate (`rejectUnauthorized`), in TLS 1.2 (alert before
 * secureConnect) and TLS 1.3 (alert after the client's Finished), and one that, like the local
 * broker, checks certificates at CONNECT instead.
 */
describe('probeMqttsTls', () => {
  let pki: TestPki;
  let other: TestPki;
  const servers: Server[] = [];

  beforeAll(async () => {
    pki = await createTestPki({ now: new Date() });
    other = await createTestPki({ now: new Date() });
  });
  afterEach(async () => {
    await Promise.all(
      servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
    );
  });

  async function listen(options: {
    version: SecureVersion;
    rejectUnauthorized: boolean;
    server?: { certificatePem: string; privateKeyPem: string };
  }): Promise<number> {
    const certificate = options.server ?? pki.server;
    const server = createServer(
      {
        key: certificate.privateKeyPem,
        cert: certificate.certificatePem,
        ca: [pki.ca.certificatePem],
        requestCert: true,
        rejectUnauthorized: options.rejectUnauthorized,
        minVersion: options.version,
        maxVersion: options.version,
      },
      (socket) => socket.end(),
    );
    server.on('tlsClientError', () => undefined);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
    describe(`a server that requires a client certificate, ${version}`, () => {
      it('trusted: the server ends the handshake after its certificate was verified', async () => {
        const port = await listen({ version, rejectUnauthorized: true });
        const probe = await probeMqttsTls({
          host: '127.0.0.1',
          port,
          caPem: pki.ca.certificatePem,
        });
        expect(probe).toMatchObject({ trusted: true, protocol: version });
        expect(probe.problem).toBeUndefined();
        // TLS 1.2: the alert comes before secureConnect; TLS 1.3: the handshake completes on the
        // client's side first (and the alert, when read, comes after).
        expect(probe.ending).toMatch(
          version === 'TLSv1.2'
            ? /^ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE$/u
            : /^(handshake completed|ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED|closed by server)$/u,
        );
      });

      it('a root CA that is not the server’s: untrusted', async () => {
        const port = await listen({ version, rejectUnauthorized: true });
        const probe = await probeMqttsTls({
          host: '127.0.0.1',
          port,
          caPem: other.ca.certificatePem,
        });
        expect(probe.trusted).toBe(false);
        expect(probe.problem).toMatch(
          /^(SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE)$/u,
        );
      });

      it('a certificate for another host name: hostname mismatch', async () => {
        const server = await pki.ca.issueServerCertificate({
          hostnames: ['other.example'],
          now: new Date(),
        });
        const port = await listen({ version, rejectUnauthorized: true, server });
        const probe = await probeMqttsTls({
          host: '127.0.0.1',
          port,
          caPem: pki.ca.certificatePem,
        });
        expect(probe).toMatchObject({ trusted: false, problem: 'ERR_TLS_CERT_ALTNAME_INVALID' });
      });

      it('with a client certificate: a full mutual-TLS handshake', async () => {
        const port = await listen({ version, rejectUnauthorized: true });
        const probe = await probeMqttsTls({
          host: '127.0.0.1',
          port,
          caPem: pki.ca.certificatePem,
          clientCertificate: pki.device,
        });
        expect(probe).toMatchObject({
          trusted: true,
          protocol: version,
          ending: 'handshake completed',
        });
      });
    });
  }

  it('a broker that checks certificates at CONNECT: the handshake completes', async () => {
    const port = await listen({ version: 'TLSv1.3', rejectUnauthorized: false });
    const probe = await probeMqttsTls({ host: '127.0.0.1', port, caPem: pki.ca.certificatePem });
    expect(probe).toEqual({ trusted: true, protocol: 'TLSv1.3', ending: 'handshake completed' });
  });

  it('a closed port: unreachable', async () => {
    const probeServer = createNetServer();
    await new Promise<void>((resolve) => probeServer.listen(0, '127.0.0.1', resolve));
    const { port } = probeServer.address() as AddressInfo;
    await new Promise((resolve) => probeServer.close(resolve));
    const probe = await probeMqttsTls({ host: '127.0.0.1', port, caPem: pki.ca.certificatePem });
    expect(probe).toEqual({ trusted: false, problem: 'ECONNREFUSED' });
  });

  it('a plain TCP server that never answers TLS: times out', async () => {
    // Reads (and so sees the probe's FIN) but never answers the ClientHello.
    const silent = createNetServer((socket) => socket.resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const probe = await probeMqttsTls({
        host: '127.0.0.1',
        port,
        caPem: pki.ca.certificatePem,
        timeoutMs: 200,
      });
      expect(probe).toEqual({ trusted: false, problem: 'ETIMEDOUT' });
    } finally {
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
