import { iotArnPrefix } from '@iot-gateway-net/policy';

/** Builds the ARNs AWS IoT authorizes MQTT actions on, without validation per call. */
export interface ResourceArns {
  /** `arn:aws:iot:<region>:<account>:` */
  readonly prefix: string;
  /** `…:client/<clientId>` (iot:Connect). */
  client(clientId: string): string;
  /** `…:topic/<topic>` (iot:Publish, iot:RetainPublish, iot:Receive). */
  topic(topic: string): string;
  /** `…:topicfilter/<filter>` (iot:Subscribe). */
  topicFilter(filter: string): string;
}

/**
 * The ARNs of one account and region that MQTT authorization asks about (AWS IoT Developer Guide,
 * "AWS IoT Core policy actions"). The prefix is validated once here; the per-message builders only
 * concatenate.
 *
 * @throws {PolicyError} `INVALID_ARGUMENT` for a bad region or account id.
 */
export function createResourceArns(target: { region: string; accountId: string }): ResourceArns {
  const prefix = iotArnPrefix({ region: target.region, accountId: target.accountId });
  const clientPrefix = `${prefix}client/`;
  const topicPrefix = `${prefix}topic/`;
  const filterPrefix = `${prefix}topicfilter/`;
  return {
    prefix,
    client: (clientId) => clientPrefix + clientId,
    topic: (topic) => topicPrefix + topic,
    topicFilter: (filter) => filterPrefix + filter,
  };
}
