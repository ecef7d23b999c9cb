/**
 * True when `topic` (or filter) starts with `$`: reserved for the broker and never matched by a
 * filter that starts with a wildcard (MQTT 3.1.1 section 4.7.2).
 */
export function isReservedTopic(topic: string): boolean {
  return topic.startsWith('$');
}
