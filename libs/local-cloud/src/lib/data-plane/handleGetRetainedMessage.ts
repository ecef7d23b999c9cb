import { iotArn } from '@iot-gateway-net/policy';
import type { CloudContext } from '../context/CloudContext.js';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { parseDataPlaneTopic } from './parseDataPlaneTopic.js';
import type { DataPlaneCall, DataPlaneResponse } from './types.js';

/**
 * GetRetainedMessage (`GET /retainedMessage/{topic}`; AWS IoT Data Plane API): `{ topic, payload
 * (base64), qos, lastModifiedTime (epoch ms) }` of the message the broker retains on the topic, or
 * 404 `ResourceNotFoundException`. Needs `iot:GetRetainedMessage` on `topic/<topic>`.
 *
 * @throws {LocalCloudError} `INVALID_REQUEST` (topic), `FORBIDDEN` (policy), `NOT_FOUND`.
 */
export function handleGetRetainedMessage(
  ctx: CloudContext,
  call: DataPlaneCall<{ operation: 'GetRetainedMessage'; topic: string }>,
): DataPlaneResponse {
  const topic = parseDataPlaneTopic(call.route.topic);
  const resource = iotArn({
    region: ctx.region,
    accountId: ctx.accountId,
    resourceType: 'topic',
    resource: topic,
  });
  if (!call.authorize('iot:GetRetainedMessage', resource)) {
    throw new LocalCloudError('FORBIDDEN', `iot:GetRetainedMessage on ${resource} is not allowed`);
  }
  const message = ctx.registry.getRetained(topic);
  if (message === undefined) {
    throw new LocalCloudError('NOT_FOUND', `No retained message exists for topic "${topic}"`);
  }
  return {
    status: 200,
    body: JSON.stringify({
      topic: message.topic,
      payload: Buffer.from(message.payload).toString('base64'),
      qos: message.qos,
      lastModifiedTime: message.lastModifiedTime,
    }),
  };
}
