// AWS IoT Core pricing, "Messaging": messages are metered in 5 KB increments.
const METERING_UNIT_BYTES = 5 * 1024;

/**
 * How many messages AWS IoT bills for one message of `payloadBytes`: one per started 5 KB (an empty
 * payload counts as one), twice for a RETAIN publish, which is billed as a publish plus a retained
 * message update (AWS IoT Core pricing, "Messaging"; AWS IoT Developer Guide, "Billing and retained
 * messages"). Never throws.
 */
export function billedMessages(payloadBytes: number, retained = false): number {
  const units = Math.max(1, Math.ceil(payloadBytes / METERING_UNIT_BYTES));
  return retained ? units * 2 : units;
}
