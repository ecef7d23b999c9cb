import { randomUUID } from 'node:crypto';
import { iotArn } from '@iot-gateway-net/policy';
import { parseShadowTopic } from '@iot-gateway-net/topics';
import { publishTopicProblem } from '../broker/publishTopicProblem.js';
import type { CloudContext } from '../context/CloudContext.js';
import type { MessageBus } from '../context/MessageBus.js';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { isShadowRequestOperation } from '../shadow-service/isShadowRequestOperation.js';
import type { ShadowEngine } from '../shadow-service/types.js';
import type { DataPlaneCall, DataPlaneResponse } from './types.js';

/**
 * Publish (`POST /topics/{topic}?qos=&retain=`; AWS IoT Developer Guide, "HTTPS"): the body is the
 * payload, `qos` is 0 (default) or 1, `retain` needs `iot:RetainPublish` on the topic besides
 * `iot:Publish` ("Retained message policy examples"). The topic follows the broker's rules for
 * client publishes (limits, reserved topics, no RETAIN on reserved topics). Answers
 * `{"message":"OK","traceId":...}` as AWS does. A publish to a shadow request topic
 * (`$aws/things/<thing>/shadow/.../update`) is also executed by the shadow engine, which answers
 * on the MQTT topics, as the Device Shadow service does for any message on those topics.
 *
 * @throws {LocalCloudError} `INVALID_REQUEST` (topic, qos, retain), `FORBIDDEN` (policy).
 */
export async function handlePublish(
  ctx: CloudContext,
  deps: { bus: MessageBus; shadows: Pick<ShadowEngine, 'execute'> },
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
  await deps.bus.publish(topic, call.body, { qos, retain });
  // A publish to a shadow request topic is a shadow request whichever protocol carried it; the
  // answers go to the MQTT topics, the HTTP response only acknowledges the publish.
  const shadowTopic = parseShadowTopic(topic);
  if (shadowTopic !== undefined && isShadowRequestOperation(shadowTopic.operation)) {
    void deps.shadows.execute({
      operation: shadowTopic.operation,
      thingName: shadowTopic.thingName,
      shadowName: shadowTopic.shadowName,
      payload: call.body,
      protocol: 'mqtt',
    });
  }
  return { status: 200, body: JSON.stringify({ message: 'OK', traceId: randomUUID() }) };
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
