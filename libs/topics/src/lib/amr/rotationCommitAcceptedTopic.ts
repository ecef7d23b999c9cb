import { amrTopicPrefix } from './amrTopicPrefix.js';

/**
 * Topic the backend confirms a rotation commit on, after deactivating the old certificate:
 * `amr/<thingName>/cert/commit/accepted`. Payload: `RotationCommitAccepted`.
 *
 * @throws {TopicError} `INVALID_THING_NAME` when `thingName` is not `[a-zA-Z0-9:_-]{1,128}`.
 */
export function rotationCommitAcceptedTopic(thingName: string): string {
  return `${amrTopicPrefix(thingName)}/cert/commit/accepted`;
}
