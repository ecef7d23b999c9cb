/**
 * Every topic suffix of the Device Shadow MQTT API, requests and answers (AWS IoT Developer Guide,
 * "Device Shadow MQTT topics").
 */
export const SHADOW_OPERATIONS = [
  'get',
  'get/accepted',
  'get/rejected',
  'update',
  'update/accepted',
  'update/rejected',
  'update/delta',
  'update/documents',
  'delete',
  'delete/accepted',
  'delete/rejected',
] as const;

/** A Device Shadow topic suffix, e.g. `update/accepted`. */
export type ShadowOperation = (typeof SHADOW_OPERATIONS)[number];

/**
 * A shadow topic as {@link parseShadowTopic} reads it; `shadowName` is absent for the classic
 * shadow.
 */
export interface ShadowTopic {
  thingName: string;
  shadowName?: string;
  operation: ShadowOperation;
}
