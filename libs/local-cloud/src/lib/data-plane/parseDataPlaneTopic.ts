import { TopicError, assertTopicName } from '@iot-gateway-net/topics';
import { LocalCloudError } from '../errors/LocalCloudError.js';

/**
 * Checks a topic taken from a data-plane path with AWS's topic rules (`assertTopicName`).
 *
 * @throws {LocalCloudError} `INVALID_REQUEST` with the topic rule's message (cause: the
 *   `TopicError`).
 */
export function parseDataPlaneTopic(topic: string): string {
  try {
    assertTopicName(topic);
    return topic;
  } catch (error) {
    if (error instanceof TopicError) {
      throw new LocalCloudError('INVALID_REQUEST', error.message, { cause: error });
    }
    throw error;
  }
}
