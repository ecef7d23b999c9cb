import { amrTopicPrefix } from './amrTopicPrefix.js';

/**
 * Topic on which a device asks the backend to commit a certificate rotation:
 * `amr/<thingName>/cert/commit` (design 2.4), published once it is connected with the new
 * certificate. Payload: `RotationCommitRequest`.
 *
 * @throws {TopicError} `INVALID_THING_NAME` when `thingName` is not `[a-zA-Z0-9:_-]{1,128}`.
 */
export function rotationCommitTopic(thingName: string): string {
  return `${amrTopicPrefix(thingName)}/cert/commit`;
}
