import { commonTopicProblem } from './commonTopicProblem.js';

/** MQTT syntax problem of a topic filter (MQTT 3.1.1 section 4.7.1), or `undefined`. */
export function topicFilterSyntaxProblem(filter: string): string | undefined {
  const common = commonTopicProblem(filter);
  if (common !== undefined) {
    return common;
  }
  const levels = filter.split('/');
  for (const [index, level] of levels.entries()) {
    if (level.includes('#') && (level !== '#' || index !== levels.length - 1)) {
      return '"#" only as the whole last level';
    }
    if (level.includes('+') && level !== '+') {
      return '"+" only as a whole level';
    }
  }
  return undefined;
}
