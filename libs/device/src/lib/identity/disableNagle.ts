import type { MqttClient } from 'mqtt';

/**
 * Turns Nagle's algorithm off on the client's socket at every (re)connection. MQTT packets are
 * small and latency-bound: with Nagle on, a PUBLISH written shortly after a PUBACK waits for the
 * broker's delayed TCP ACK — about 20 ms added to every command acknowledgement (measured with
 * tools/bench/fleet.mjs). MQTT.js does not expose the socket option, so it is set on `stream`.
 */
export function disableNagle(client: MqttClient): void {
  client.on('connect', () => {
    (client.stream as { setNoDelay?: (noDelay: boolean) => unknown } | undefined)?.setNoDelay?.(
      true,
    );
  });
}
