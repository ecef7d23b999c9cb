import { TopicError } from '../errors/TopicError.js';
import { describeReceived } from '../internal/describeReceived.js';
import { topicFilterSyntaxProblem } from '../internal/topicFilterSyntaxProblem.js';
import { topicNameSyntaxProblem } from '../internal/topicNameSyntaxProblem.js';

/**
 * True when a message published on `topic` is delivered to a subscription on `filter`, with AWS
 * IoT's semantics: `+` matches exactly one level (possibly empty), `#` matches one or more
 * remaining levels (so `a/#` does NOT match `a`, unlike plain MQTT; AWS IoT Developer Guide,
 * "MQTT topics"), and a filter starting with a wildcard never matches a topic starting with `$`
 * (MQTT 3.1.1 section 4.7.2). Only MQTT syntax is checked, not AWS size quotas, so the local broker
 * can match anything it has already accepted.
 *
 * @throws {TopicError} `INVALID_TOPIC_FILTER` when `filter` breaks the wildcard rules;
 *   `INVALID_TOPIC` when `topic` is empty, holds a wildcard or NUL.
 */
export function topicMatchesFilter(filter: string, topic: string): boolean {
  const filterProblem = topicFilterSyntaxProblem(filter);
  if (filterProblem !== undefined) {
    throw new TopicError(
      'INVALID_TOPIC_FILTER',
      `Unexpected topic filter ${describeReceived(filter)}, expected ${filterProblem}`,
    );
  }
  const topicProblem = topicNameSyntaxProblem(topic);
  if (topicProblem !== undefined) {
    throw new TopicError(
      'INVALID_TOPIC',
      `Unexpected topic ${describeReceived(topic)}, expected ${topicProblem}`,
    );
  }
  const filterLevels = filter.split('/');
  const topicLevels = topic.split('/');
  if (topic.startsWith('$') && (filterLevels[0] === '+' || filterLevels[0] === '#')) {
    return false;
  }
  for (const [index, level] of filterLevels.entries()) {
    if (level === '#') {
      return topicLevels.length > index;
    }
    const topicLevel = topicLevels[index];
    if (topicLevel === undefined || (level !== '+' && level !== topicLevel)) {
      return false;
    }
  }
  return filterLevels.length === topicLevels.length;
}
