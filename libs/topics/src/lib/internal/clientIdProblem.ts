import { AWS_IOT_LIMITS } from '../limits/limits.js';
import { hasLoneSurrogate } from './hasLoneSurrogate.js';
import { utf8ByteLength } from './utf8ByteLength.js';

/**
 * Says what is wrong with a client id, or `undefined` when it is valid. AWS IoT allows up to 128
 * bytes of UTF-8 (AWS IoT Core quotas, "Client ID size"); ids holding `#` or `+` get no lifecycle
 * events (AWS IoT Developer Guide, "Lifecycle events") and would corrupt the event topics built
 * from them, so they are refused.
 */
export function clientIdProblem(value: string): string | undefined {
  if (value.length === 0) {
    return 'at least 1 byte';
  }
  if (hasLoneSurrogate(value)) {
    return 'well-formed UTF-8 (no unpaired surrogate)';
  }
  if (value.includes('\u0000')) {
    return 'no NUL character (U+0000)';
  }
  if (value.includes('#') || value.includes('+')) {
    return 'no "#" or "+"';
  }
  const bytes = utf8ByteLength(value);
  if (bytes > AWS_IOT_LIMITS.clientIdBytes) {
    return `at most ${AWS_IOT_LIMITS.clientIdBytes} bytes of UTF-8, got ${bytes} bytes`;
  }
  return undefined;
}
