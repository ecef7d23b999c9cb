import { amrTopicPrefix, shadowTopicPrefix } from '@iot-gateway-net/topics';
import { iotArn } from '../arn/iotArn.js';
import { POLICY_VERSION, type PolicyDocument } from '../document/schemas.js';
import { parseBuilderOptions } from './parseBuilderOptions.js';
import { BrowserPolicyOptionsSchema, type BrowserPolicyOptions } from './schemas.js';
import { thingScopedTopic } from './thingScopedTopic.js';
import { POLICY_VARIABLES } from './variables.js';

/**
 * The policy of the operator UI's authenticated Cognito identity (design 4.1). Use the same
 * document as the identity pool role's IAM policy and as the AWS IoT policy attached to the
 * identity id: AWS IoT allows an action only when both do, and its own examples attach one
 * document using `${cognito-identity.amazonaws.com:sub}` to both (AWS IoT Developer Guide,
 * "Publish/Subscribe policy examples", policies for HTTP and WebSocket clients).
 * - `iot:Connect` only with client ids `<identityId>-<suffix>` (resource
 *   `client/${cognito-identity.amazonaws.com:sub}-*` and `StringLike iot:ClientId`): every browser
 *   of the one shared operator shares the identity id, so the suffix keeps them from taking over
 *   each other's connection;
 * - `iot:Subscribe` on `topicfilter/amr/<thing>/*` and `topicfilter/$aws/things/<thing>/*`,
 *   `iot:Publish` / `iot:Receive` on the matching `topic/...` patterns, for each allowed thing
 *   (`'*'`: every thing). These cover the status, heartbeat, command and ack topics and the
 *   `robot` named shadow's topics; no `iot:RetainPublish` (the UI never retains).
 *
 * @throws {PolicyError} `INVALID_ARGUMENT` for a bad region, account id or thing name.
 */
export function buildBrowserPolicy(options: BrowserPolicyOptions): PolicyDocument {
  const { region, accountId, partition, thingNames } = parseBuilderOptions(
    BrowserPolicyOptionsSchema,
    options,
    'buildBrowserPolicy',
  );
  const arn = (resourceType: 'client' | 'topic' | 'topicfilter', resource: string) =>
    iotArn({ partition, region, accountId, resourceType, resource });
  const things = thingNames === '*' ? ['*'] : [...new Set(thingNames)];
  const topics = things.flatMap((thing) => [
    `${thingScopedTopic(amrTopicPrefix, thing)}/*`,
    `${thingScopedTopic(shadowTopicPrefix, thing, true)}/*`,
  ]);
  const clientIds = `${POLICY_VARIABLES.cognitoIdentityId}-*`;
  return {
    Version: POLICY_VERSION,
    Statement: [
      {
        Sid: 'ConnectWithIdentityPrefixedClientId',
        Effect: 'Allow',
        Action: ['iot:Connect'],
        Resource: [arn('client', clientIds)],
        Condition: { StringLike: { 'iot:ClientId': clientIds } },
      },
      {
        Sid: 'SubscribeAllowedRobots',
        Effect: 'Allow',
        Action: ['iot:Subscribe'],
        Resource: topics.map((topic) => arn('topicfilter', topic)),
      },
      {
        Sid: 'PublishReceiveAllowedRobots',
        Effect: 'Allow',
        Action: ['iot:Publish', 'iot:Receive'],
        Resource: topics.map((topic) => arn('topic', topic)),
      },
    ],
  };
}
