// Reserved topics a client may publish to (AWS IoT Developer Guide, "Reserved topics", the rows
// whose allowed operations include Publish): shadow, jobs, Device Defender, MQTT-based file
// delivery, fleet provisioning and Basic Ingest. Every other `$` topic is subscribe-only or unknown.
const PUBLISHABLE = new RegExp(
  [
    String.raw`^\$aws/things/[^/]+/shadow/(?:name/[^/]+/)?(?:get|update|delete)$`,
    String.raw`^\$aws/things/[^/]+/jobs/(?:get|start-next|[^/]+/(?:get|update))$`,
    String.raw`^\$aws/things/[^/]+/defender/metrics/(?:json|cbor)$`,
    String.raw`^\$aws/things/[^/]+/streams/[^/]+/(?:get|describe)/(?:json|cbor)$`,
    String.raw`^\$aws/certificates/create(?:-from-csr)?/(?:json|cbor)$`,
    String.raw`^\$aws/provisioning-templates/[^/]+/provision/(?:json|cbor)$`,
    String.raw`^\$aws/rules/[^/]+(?:/.*)?$`,
  ].join('|'),
);

/**
 * True when `topic` is a reserved (`$`) topic that clients may publish to. AWS IoT: "Unsupported
 * publish or subscribe operations to reserved topics can result in a terminated connection", and
 * clients cannot create new `$` topics. Never throws.
 */
export function isPublishableReservedTopic(topic: string): boolean {
  return PUBLISHABLE.test(topic);
}
