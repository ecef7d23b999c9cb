// @peculiar/x509 resolves its algorithm providers through tsyringe, which needs the Reflect metadata
// polyfill loaded before the library itself: keep this import first. Every module of this library
// reaches @peculiar/x509 through this file so that the order holds whatever the importer does.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto);

/** `@peculiar/x509` with Node's WebCrypto installed as its provider, and that WebCrypto. */
export { x509, webcrypto };
