import { awsTopicLimitProblem } from '../internal/awsTopicLimitProblem.js';
import { topicFilterSyntaxProblem } from '../internal/topicFilterSyntaxProblem.js';

/** True when {@link assertTopicFilter} would accept `filter`. Never throws. */
export function isTopicFilter(filter: unknown): filter is string {
  return (
    typeof filter === 'string' &&
    topicFilterSyntaxProblem(filter) === undefined &&
    awsTopicLimitProblem(filter, false) === undefined
  );
}
