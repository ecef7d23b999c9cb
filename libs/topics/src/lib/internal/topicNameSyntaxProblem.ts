import { commonTopicProblem } from './commonTopicProblem.js';

/** MQTT syntax problem of a topic name (the topic of a PUBLISH), or `undefined`. */
export function topicNameSyntaxProblem(topic: string): string | undefined {
  const common = commonTopicProblem(topic);
  if (common !== undefined) {
    return common;
  }
  // MQTT 3.1.1 section 4.7.1: wildcards are for filters only.
  if (topic.includes('#') || topic.includes('+')) {
    return 'no wildcard ("+" or "#") in a topic name';
  }
  return undefined;
}
