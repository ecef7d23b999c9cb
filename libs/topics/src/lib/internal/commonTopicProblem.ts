import { hasLoneSurrogate } from './hasLoneSurrogate.js';

/** Problems a topic name and a topic filter share under MQTT 3.1.1 (section 4.7.3). */
export function commonTopicProblem(value: string): string | undefined {
  if (value.length === 0) {
    return 'at least 1 character';
  }
  if (value.includes('\u0000')) {
    return 'no NUL character (U+0000)';
  }
  if (hasLoneSurrogate(value)) {
    return 'well-formed UTF-8 (no unpaired surrogate)';
  }
  return undefined;
}
