import { randomUUID } from 'node:crypto';
import { iotArn } from '@iot-gateway-net/policy';
import { publishTopicProblem } from '../broker/publishTopicProblem.js';
import type { CloudContext } from '../context/CloudContext.js';
import type { ClientPublisher, MessageBus } from '../context/MessageBus.js';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import type { DataPlaneCall, DataPlaneIdentity, DataPlaneResponse } from './types.js';

/**
 * Publish (`POST /topics/{topic}?qos=&retain=`; AWS IoT Developer Guide, "HTTPS"): the body is the
 * payload, `qos` is 0 (default) or 1, `retain` needs `iot:RetainPublish` on the topic besides
 * `iot:Publish` ("Retained message policy examples"). The topic follows the broker's rules for
 * client publishes (limits, reserved topics, no RETAIN on reserved topics). Answers
 * `{"message":"OK","traceId":...}` as AWS does.
 *
 * The message goes through `bus` as this client's publish, the same path an MQTT publish takes:
 * subscribers receive it, and the services on the bus see it with the caller's identity — the Device
 * Shadow service executes a shadow request topic (answering on the MQTT topics, as it does for any
 * message on those topics), and rules run on it as AWS's rules engine does for HTTPS publishes.
 *
 * @throws {LocalCloudError} `INVALID_REQUEST` (topic, qos, retain), `FORBIDDEN` (policy).
 */
export async function handlePublish(
  ctx: CloudContext,
  bus: MessageBus,
  call: DataPlaneCall<{ operation: 'Publish'; topic: string }>,
): Promise<DataPlaneResponse> {
  const { topic } = call.route;
  const qos = readQos(call.query.get('qos'));
  const retain = readRetain(call.query.get('retain'));
  // The broker's rules for client publishes: AWS's topic limits, reserved topics clients may
  // publish to, no RETAIN on reserved topics.
  const problem = publishTopicProblem(topic, retain);
  if (problem !== undefined) throw new LocalCloudError('INVALID_REQUEST', problem);
  const resource = iotArn({
    region: ctx.region,
    accountId: ctx.accountId,
    resourceType: 'topic',
    resource: topic,
  });
  for (const action of retain ? ['iot:Publish', 'iot:RetainPublish'] : ['iot:Publish']) {
    if (!call.authorize(action, resource)) {
      throw new LocalCloudError('FORBIDDEN', `${action} on ${resource} is not allowed`);
    }
  }
  await bus.publish(topic, call.body, { qos, retain, publisher: publisherOf(call.identity) });
  return { status: 200, body: JSON.stringify({ message: 'OK', traceId: randomUUID() }) };
}

/** The publisher as the broker describes an MQTT connection with the same credentials. */
function publisherOf(identity: DataPlaneIdentity): ClientPublisher {
  if (identity.kind === 'certificate') {
    return {
      principal: identity.certificate.certificateArn,
      certificateId: identity.certificate.certificateId,
    };
  }
  const owner = identity.credential.identity;
  return {
    principal: owner.kind === 'iam' ? owner.cognitoIdentityId : undefined,
    certificateId: undefined,
    accessKeyId: identity.credential.accessKeyId,
  };
}

function readQos(text: string | null): 0 | 1 {
  if (text === null || text === '0') return 0;
  if (text === '1') return 1;
  throw new LocalCloudError('INVALID_REQUEST', `Unexpected qos "${text}", expected 0 or 1`);
}

function readRetain(text: string | null): boolean {
  if (text === null || text === 'false') return false;
  if (text === 'true') return true;
  throw new LocalCloudError(
    'INVALID_REQUEST',
    `Unexpected retain "${text}", expected true or false`,
  );
}
