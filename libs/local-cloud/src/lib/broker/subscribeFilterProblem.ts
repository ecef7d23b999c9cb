import {
  assertTopicFilter,
  isAwsReservedTopic,
  isReservedTopic,
  TopicError,
} from '@iot-gateway-net/topics';

/**
 * Why a client may not subscribe to `filter` whatever its policy says, or `undefined` when it
 * may: the filter breaks MQTT wildcard rules or AWS's limits (`assertTopicFilter`), or it names a
 * `$` topic outside `$aws/` (the local broker's own `$SYS/` topics stay private). Never throws.
 */
export function subscribeFilterProblem(filter: string): string | undefined {
  try {
    assertTopicFilter(filter);
  } catch (error) {
    if (error instanceof TopicError) {
      return error.message;
    }
    throw error;
  }
  if (isReservedTopic(filter) && !isAwsReservedTopic(filter)) {
    return `Unexpected topic filter "${filter}", expected no "$" topics other than $aws/`;
  }
  return undefined;
}
