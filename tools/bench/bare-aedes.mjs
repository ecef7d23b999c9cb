// A bare Aedes broker over TLS with client certificates and no hooks: the baseline of broker.mjs.
// Usage: node bare-aedes.mjs <server.pem> <server.key> <root-ca.pem>; prints {"port": N} when ready.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:tls';
import { Aedes } from 'aedes';

const [certPath, keyPath, caPath] = process.argv.slice(2);
const broker = await Aedes.createBroker();
const server = createServer(
  {
    cert: readFileSync(certPath),
    key: readFileSync(keyPath),
    ca: readFileSync(caPath),
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
  },
  broker.handle,
);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
process.on('SIGTERM', () => server.close(() => broker.close(() => process.exit(0))));
