import { awsTopicLimitProblem } from '../internal/awsTopicLimitProblem.js';
import { topicNameSyntaxProblem } from '../internal/topicNameSyntaxProblem.js';

/** True when {@link assertTopicName} would accept `topic`. Never throws. */
export function isTopicName(topic: unknown): topic is string {
  return (
    typeof topic === 'string' &&
    topicNameSyntaxProblem(topic) === undefined &&
    awsTopicLimitProblem(topic, true) === undefined
  );
}
