import { AWS_IOT_LIMITS } from '../limits/limits.js';
import { utf8ByteLength } from './utf8ByteLength.js';

// Rule names are `^[a-zA-Z0-9_]+$` (AWS IoT API reference, CreateTopicRule).
const BASIC_INGEST_PREFIX = /^\$aws\/rules\/[a-zA-Z0-9_]+\//;

/**
 * Checks AWS IoT's topic size and slash quotas (AWS IoT Core quotas, "Topic size" and "Maximum
 * number of slashes in topic and topic filter"). With `exemptBasicIngest`, the `$aws/rules/<rule>/`
 * prefix does not count, as AWS documents for Basic Ingest topics; filters get no exemption
 * because Basic Ingest topics cannot be subscribed to.
 */
export function awsTopicLimitProblem(
  value: string,
  exemptBasicIngest: boolean,
): string | undefined {
  const prefix = exemptBasicIngest ? BASIC_INGEST_PREFIX.exec(value)?.[0] : undefined;
  const counted = prefix === undefined ? value : value.slice(prefix.length);
  const note = prefix === undefined ? '' : ` not counting the "${prefix}" prefix`;
  const bytes = utf8ByteLength(counted);
  if (bytes > AWS_IOT_LIMITS.topicBytes) {
    return `at most ${AWS_IOT_LIMITS.topicBytes} bytes of UTF-8${note}, got ${bytes} bytes`;
  }
  const slashes = counted.split('/').length - 1;
  if (slashes > AWS_IOT_LIMITS.topicSlashes) {
    return `at most ${AWS_IOT_LIMITS.topicSlashes} forward slashes${note}, got ${slashes}`;
  }
  return undefined;
}
