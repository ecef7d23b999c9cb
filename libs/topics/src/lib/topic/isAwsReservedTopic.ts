/**
 * True when `topic` (or filter) starts with `$aws/`, the AWS IoT reserved topics (shadow, fleet
 * provisioning, lifecycle events, Basic Ingest; AWS IoT Developer Guide, "Reserved topics").
 */
export function isAwsReservedTopic(topic: string): boolean {
  return topic.startsWith('$aws/');
}
