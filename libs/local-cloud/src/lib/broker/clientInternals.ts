import type { Client } from 'aedes';
import type { ClientInternals } from './aedesInternals.js';

/** Views an Aedes client through {@link ClientInternals}. */
export function clientInternals(client: Client): ClientInternals {
  return client as unknown as ClientInternals;
}
