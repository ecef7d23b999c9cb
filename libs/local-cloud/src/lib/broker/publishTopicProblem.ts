import { assertTopicName, isReservedTopic, TopicError } from '@iot-gateway-net/topics';
import { isPublishableReservedTopic } from './isPublishableReservedTopic.js';

/**
 * Why a client may not publish to `topic` whatever its policy says, or `undefined` when it may:
 * the topic breaks MQTT syntax or AWS's limits (256 bytes, 7 slashes; `assertTopicName`), it is a
 * reserved topic clients cannot publish to (AWS IoT Developer Guide, "Reserved topics"), or it is
 * a reserved topic published with RETAIN ("You can't publish to a reserved topic with the RETAIN
 * flag set", "Using MQTT retained messages"). Never throws.
 */
export function publishTopicProblem(topic: string, retain: boolean): string | undefined {
  try {
    assertTopicName(topic);
  } catch (error) {
    if (error instanceof TopicError) {
      return error.message;
    }
    throw error;
  }
  if (!isReservedTopic(topic)) {
    return undefined;
  }
  if (retain) {
    return `Unexpected RETAIN on reserved topic "${topic}", expected RETAIN only on topics outside $aws/`;
  }
  if (!isPublishableReservedTopic(topic)) {
    return `Unexpected publish to reserved topic "${topic}", expected a reserved topic clients may publish to (shadow, jobs, fleet provisioning, $aws/rules/...)`;
  }
  return undefined;
}
