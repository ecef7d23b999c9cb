import { publishTopicProblem } from './publishTopicProblem.js';

// Topics of one connection are few; the memo is cleared wholesale when full.
const MAX_MEMO = 1024;

/**
 * A per-connection {@link publishTopicProblem} that remembers the topics it accepted without
 * RETAIN, so that a device publishing to the same few topics pays the syntax and limit checks
 * once. Never throws.
 */
export function createTopicChecker(): (topic: string, retain: boolean) => string | undefined {
  let accepted = new Set<string>();
  return (topic, retain) => {
    if (!retain && accepted.has(topic)) {
      return undefined;
    }
    const problem = publishTopicProblem(topic, retain);
    if (problem === undefined && !retain) {
      if (accepted.size >= MAX_MEMO) {
        accepted = new Set();
      }
      accepted.add(topic);
    }
    return problem;
  };
}
