import {
  createCertificateFromCsrTopic,
  createKeysAndCertificateTopic,
  registerThingTopic,
  type PayloadFormat,
  type ProvisioningReply,
} from '@iot-gateway-net/topics';
import { iotArn } from '../arn/iotArn.js';
import { POLICY_VERSION, type PolicyDocument } from '../document/schemas.js';
import { parseBuilderOptions } from './parseBuilderOptions.js';
import { ClaimPolicyOptionsSchema, type ClaimMethod, type ClaimPolicyOptions } from './schemas.js';

const REPLIES: readonly ProvisioningReply[] = ['accepted', 'rejected'];

/**
 * The AWS IoT policy of a claim certificate (design 4.3), renewal only: it may connect and use
 * the fleet provisioning MQTT API of one template and nothing else (AWS IoT Developer Guide,
 * "Provisioning by claim", "Fleet provisioning MQTT API"):
 * - `iot:Connect` on `client/*`;
 * - `iot:Publish` on the request topics only: `$aws/certificates/create/<fmt>` and/or
 *   `$aws/certificates/create-from-csr/<fmt>`, and
 *   `$aws/provisioning-templates/<template>/provision/<fmt>`;
 * - `iot:Receive` and `iot:Subscribe` on their `accepted` and `rejected` answers only, as exact
 *   topics and topic filters (clients subscribe to the two answer topics, not to `+`).
 *
 * `methods` defaults to both certificate methods, `formats` to `['json']`. No shadow, no
 * application topic, no other template.
 *
 * @throws {PolicyError} `INVALID_ARGUMENT` for a bad region, account id, template name, method or
 *   format.
 */
export function buildClaimPolicy(options: ClaimPolicyOptions): PolicyDocument {
  const { region, accountId, partition, templateName, methods, formats } = parseBuilderOptions(
    ClaimPolicyOptionsSchema,
    options,
    'buildClaimPolicy',
  );
  const arn = (resourceType: 'client' | 'topic' | 'topicfilter', resource: string) =>
    iotArn({ partition, region, accountId, resourceType, resource });
  const builders: Record<
    ClaimMethod,
    (format: PayloadFormat, reply?: ProvisioningReply) => string
  > = {
    CreateKeysAndCertificate: createKeysAndCertificateTopic,
    CreateCertificateFromCsr: createCertificateFromCsrTopic,
  };
  const operations = [
    ...[...new Set(methods)].map((method) => builders[method]),
    (format: PayloadFormat, reply?: ProvisioningReply) =>
      registerThingTopic(templateName, format, reply),
  ];
  const uniqueFormats = [...new Set(formats)];
  const requests = operations.flatMap((topic) => uniqueFormats.map((format) => topic(format)));
  const answers = operations.flatMap((topic) =>
    uniqueFormats.flatMap((format) => REPLIES.map((reply) => topic(format, reply))),
  );
  return {
    Version: POLICY_VERSION,
    Statement: [
      {
        Sid: 'ConnectClaim',
        Effect: 'Allow',
        Action: ['iot:Connect'],
        Resource: [arn('client', '*')],
      },
      {
        Sid: 'PublishProvisioningRequests',
        Effect: 'Allow',
        Action: ['iot:Publish'],
        Resource: requests.map((topic) => arn('topic', topic)),
      },
      {
        Sid: 'ReceiveProvisioningAnswers',
        Effect: 'Allow',
        Action: ['iot:Receive'],
        Resource: answers.map((topic) => arn('topic', topic)),
      },
      {
        Sid: 'SubscribeProvisioningAnswers',
        Effect: 'Allow',
        Action: ['iot:Subscribe'],
        Resource: answers.map((topic) => arn('topicfilter', topic)),
      },
    ],
  };
}
