import { ProvisioningError } from '../errors/ProvisioningError.js';
import type { MqttJsClientLike, ProvisioningConnection } from './types.js';

/** SUBACK return codes from 0x80 up are failures (MQTT 3.1.1 §3.9.3, MQTT 5 §3.9.3 reason codes). */
const FIRST_FAILURE_CODE = 0x80;

/**
 * Adapts an MQTT.js v5 client (`mqtt.connectAsync(...)`) to {@link ProvisioningConnection}.
 *
 * The adapter does not own the client: it never connects, ends or reconnects it.
 *
 * @throws {ProvisioningError} `CONNECTION` from `subscribe` when the broker refuses a filter in its SUBACK.
 */
export function fromMqttJs(client: MqttJsClientLike): ProvisioningConnection {
  return {
    async subscribe(filters, options) {
      const granted = await client.subscribeAsync(filters, { qos: options.qos });
      const refused = granted.filter((grant) => grant.qos >= FIRST_FAILURE_CODE);
      if (refused.length > 0) {
        const list = refused.map((grant) => `"${grant.topic}" (0x${grant.qos.toString(16)})`);
        throw new ProvisioningError(
          'CONNECTION',
          `Subscription refused for ${list.join(', ')}, expected QoS ${options.qos} granted`,
        );
      }
    },
    async unsubscribe(filters) {
      await client.unsubscribeAsync(filters);
    },
    async publish(topic, payload, options) {
      await client.publishAsync(topic, payload, { qos: options.qos });
    },
    onMessage(handler) {
      const listener = (topic: string, payload: Uint8Array): void => handler(topic, payload);
      client.on('message', listener);
      return () => {
        client.off('message', listener);
      };
    },
  };
}
