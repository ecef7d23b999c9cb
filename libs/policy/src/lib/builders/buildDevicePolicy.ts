import {
  amrHeartbeatTopic,
  amrStatusTopic,
  amrTopicPrefix,
  shadowTopicPrefix,
} from '@iot-gateway-net/topics';
import { iotArn } from '../arn/iotArn.js';
import { POLICY_VERSION, type PolicyDocument } from '../document/schemas.js';
import { parseBuilderOptions } from './parseBuilderOptions.js';
import { DevicePolicyOptionsSchema, type DevicePolicyOptions } from './schemas.js';
import { thingScopedTopic } from './thingScopedTopic.js';
import { POLICY_VARIABLES } from './variables.js';

/**
 * The production AWS IoT policy of every robot (design 4.2), one document for the whole fleet
 * thanks to thing policy variables:
 * - `iot:Connect` only as `client/${iot:Connection.Thing.ThingName}` and only when the
 *   certificate is attached to that thing (`Bool iot:Connection.Thing.IsAttached true`; AWS IoT
 *   Developer Guide, "Connect policy examples");
 * - `iot:Publish` / `iot:Receive` on `topic/amr/<thing>/*` and `topic/$aws/things/<thing>/*`,
 *   `iot:Subscribe` on the same `topicfilter/...` patterns;
 * - `iot:RetainPublish` on exactly `amr/<thing>/status` and `amr/<thing>/heartbeat`: AWS IoT
 *   refuses a RETAIN publish, and a retained Will, without it (AWS IoT Developer Guide, "AWS IoT
 *   Core policy actions" and "Retained message policy examples"); the design omitted it.
 *
 * @throws {PolicyError} `INVALID_ARGUMENT` for a bad region, account id or partition.
 */
export function buildDevicePolicy(options: DevicePolicyOptions): PolicyDocument {
  const { region, accountId, partition } = parseBuilderOptions(
    DevicePolicyOptionsSchema,
    options,
    'buildDevicePolicy',
  );
  const thing = POLICY_VARIABLES.thingName;
  const arn = (resourceType: 'client' | 'topic' | 'topicfilter', resource: string) =>
    iotArn({ partition, region, accountId, resourceType, resource });
  const ownTopics = [
    `${thingScopedTopic(amrTopicPrefix, thing)}/*`,
    `${thingScopedTopic(shadowTopicPrefix, thing, true)}/*`,
  ];
  return {
    Version: POLICY_VERSION,
    Statement: [
      {
        Sid: 'ConnectAsAttachedThing',
        Effect: 'Allow',
        Action: ['iot:Connect'],
        Resource: [arn('client', thing)],
        Condition: { Bool: { [POLICY_VARIABLES.thingIsAttached]: 'true' } },
      },
      {
        Sid: 'PublishReceiveOwnTopics',
        Effect: 'Allow',
        Action: ['iot:Publish', 'iot:Receive'],
        Resource: ownTopics.map((topic) => arn('topic', topic)),
      },
      {
        Sid: 'RetainOwnStatusAndHeartbeat',
        Effect: 'Allow',
        Action: ['iot:RetainPublish'],
        Resource: [
          arn('topic', thingScopedTopic(amrStatusTopic, thing)),
          arn('topic', thingScopedTopic(amrHeartbeatTopic, thing)),
        ],
      },
      {
        Sid: 'SubscribeOwnTopics',
        Effect: 'Allow',
        Action: ['iot:Subscribe'],
        Resource: ownTopics.map((topic) => arn('topicfilter', topic)),
      },
    ],
  };
}
