import { IoTClient, type IoTClientConfig } from '@aws-sdk/client-iot';
import type { Endpoints } from '../lib/config/schemas.js';

/**
 * An `@aws-sdk/client-iot` client for a local cloud's control plane, signed with the admin
 * credentials of its endpoints.json. `overrides` go last (e.g. `{ maxAttempts: 1 }`). The caller
 * destroys it.
 */
export function createTestIotClient(
  endpoints: Pick<Endpoints, 'controlPlaneUrl' | 'region' | 'controlPlaneCredentials'>,
  overrides: IoTClientConfig = {},
): IoTClient {
  return new IoTClient({
    endpoint: endpoints.controlPlaneUrl,
    region: endpoints.region,
    credentials: { ...endpoints.controlPlaneCredentials },
    ...overrides,
  });
}
