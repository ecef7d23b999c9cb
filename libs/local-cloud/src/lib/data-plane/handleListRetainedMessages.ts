import type { CloudContext } from '../context/CloudContext.js';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { readIntegerParameter } from './readIntegerParameter.js';
import type { DataPlaneCall, DataPlaneResponse } from './types.js';

/**
 * ListRetainedMessages (`GET /retainedMessage?maxResults=&nextToken=`; AWS IoT Data Plane API):
 * `{ retainedTopics: [{ topic, payloadSize, qos, lastModifiedTime }], nextToken? }`, in topic
 * order. `maxResults` is 1 to 200 (the API's range). The action has no resource type, so only a
 * policy allowing it on `*` grants it (Service Authorization Reference for AWS IoT).
 *
 * @throws {LocalCloudError} `INVALID_REQUEST` (maxResults, nextToken), `FORBIDDEN` (policy).
 */
export function handleListRetainedMessages(
  ctx: CloudContext,
  call: DataPlaneCall<{ operation: 'ListRetainedMessages' }>,
): DataPlaneResponse {
  if (!call.authorize('iot:ListRetainedMessages', '*')) {
    throw new LocalCloudError('FORBIDDEN', 'iot:ListRetainedMessages on * is not allowed');
  }
  const maxResults = readIntegerParameter(call.query, 'maxResults', 1, 200);
  const nextToken = call.query.get('nextToken');
  const page = ctx.registry.listRetained({
    ...(maxResults === undefined ? {} : { maxResults }),
    ...(nextToken === null ? {} : { nextToken }),
  });
  return {
    status: 200,
    body: JSON.stringify({
      retainedTopics: page.items.map((item) => ({
        topic: item.topic,
        payloadSize: item.payloadSize,
        qos: item.qos,
        lastModifiedTime: item.lastModifiedTime,
      })),
      ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
    }),
  };
}
