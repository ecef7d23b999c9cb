import { amrTopicPrefix } from './amrTopicPrefix.js';

/**
 * Filter a device subscribes to before publishing a rotation commit, covering both answers:
 * `amr/<thingName>/cert/commit/+`.
 *
 * @throws {TopicError} `INVALID_THING_NAME` when `thingName` is not `[a-zA-Z0-9:_-]{1,128}`.
 */
export function rotationCommitReplyFilter(thingName: string): string {
  return `${amrTopicPrefix(thingName)}/cert/commit/+`;
}
