import { topicMatchesFilter } from '@iot-gateway-net/topics';

/**
 * A fast predicate for one topic filter with AWS IoT's matching (`topicMatchesFilter`: `a/#` does
 * not match `a`): topics not starting with the filter's literal head are rejected with one string
 * comparison, so that a broker holding a few service filters pays almost nothing per message for
 * the topics they cannot match. The filter must already be valid.
 */
export function compileFilter(filter: string): (topic: string) => boolean {
  const levels = filter.split('/');
  const literal: string[] = [];
  for (const level of levels) {
    if (level === '+' || level === '#') {
      break;
    }
    literal.push(level);
  }
  if (literal.length === levels.length) {
    return (topic) => topic === filter;
  }
  const head = literal.length === 0 ? '' : `${literal.join('/')}/`;
  return (topic) => topic.startsWith(head) && topicMatchesFilter(filter, topic);
}
