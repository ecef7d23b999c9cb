// Client
export { createProvisioningClient } from './lib/client/createProvisioningClient.js';
export type {
  ProvisioningClient,
  ProvisioningClientOptions,
  ProvisioningClock,
  RegisterThingOptions,
} from './lib/client/types.js';
export type { RetryPolicy } from './lib/retry/types.js';

// Connection port and adapter
export { fromMqttJs } from './lib/connection/fromMqttJs.js';
export type {
  MqttJsClientLike,
  MqttJsSubscriptionGrant,
  ProvisioningConnection,
  QosOptions,
} from './lib/connection/types.js';

// Errors
export { ProvisioningError, type ProvisioningErrorCode } from './lib/errors/ProvisioningError.js';
