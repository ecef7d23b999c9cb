import { amrTopicPrefix } from './amrTopicPrefix.js';

/**
 * Topic the backend refuses a rotation commit on: `amr/<thingName>/cert/commit/rejected`.
 * Payload: `RotationCommitRejected`.
 *
 * @throws {TopicError} `INVALID_THING_NAME` when `thingName` is not `[a-zA-Z0-9:_-]{1,128}`.
 */
export function rotationCommitRejectedTopic(thingName: string): string {
  return `${amrTopicPrefix(thingName)}/cert/commit/rejected`;
}
