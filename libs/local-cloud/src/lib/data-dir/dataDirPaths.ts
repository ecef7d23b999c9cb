import { join } from 'node:path';

/** Where the local cloud keeps each file inside its data directory. */
export interface DataDirPaths {
  root: string;
  registry: string;
  rootCaCert: string;
  rootCaKey: string;
  serverCert: string;
  serverKey: string;
  credentials: string;
  endpoints: string;
}

/** The fixed layout of a data directory. */
export function dataDirPaths(root: string): DataDirPaths {
  return {
    root,
    registry: join(root, 'registry.sqlite'),
    rootCaCert: join(root, 'ca', 'root-ca.pem'),
    rootCaKey: join(root, 'ca', 'root-ca.key'),
    serverCert: join(root, 'tls', 'server.pem'),
    serverKey: join(root, 'tls', 'server.key'),
    credentials: join(root, 'control-plane-credentials.json'),
    endpoints: join(root, 'endpoints.json'),
  };
}
