import { TopicError } from '../errors/TopicError.js';
import { awsTopicLimitProblem } from '../internal/awsTopicLimitProblem.js';
import { describeReceived } from '../internal/describeReceived.js';
import { topicFilterSyntaxProblem } from '../internal/topicFilterSyntaxProblem.js';

/**
 * Checks that `filter` may be subscribed to on AWS IoT: MQTT wildcard rules (`#` only as the whole
 * last level, `+` only as a whole level), non-empty well-formed UTF-8 without NUL, at most 256
 * bytes and 7 forward slashes.
 *
 * @throws {TopicError} `INVALID_TOPIC_FILTER` naming the filter received and the rule it breaks.
 */
export function assertTopicFilter(filter: unknown): asserts filter is string {
  if (typeof filter !== 'string') {
    throw new TopicError(
      'INVALID_TOPIC_FILTER',
      `Unexpected topic filter ${describeReceived(filter)}, expected a string`,
    );
  }
  const problem = topicFilterSyntaxProblem(filter) ?? awsTopicLimitProblem(filter, false);
  if (problem !== undefined) {
    throw new TopicError(
      'INVALID_TOPIC_FILTER',
      `Unexpected topic filter ${describeReceived(filter)}, expected ${problem}`,
    );
  }
}
