import { iotArn } from '@iot-gateway-net/policy';
import type { CloudContext } from '../context/CloudContext.js';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { parseDataPlaneNames } from './parseDataPlaneNames.js';
import { readIntegerParameter } from './readIntegerParameter.js';
import type { DataPlaneCall, DataPlaneResponse } from './types.js';

/**
 * ListNamedShadowsForThing (`GET /api/things/shadow/ListNamedShadowsForThing/{thingName}
 * ?pageSize=&nextToken=`; AWS IoT Developer Guide, "Device Shadow REST API"): the names of the
 * thing's named shadows that exist (deleted ones are left out, the classic shadow never appears),
 * `{ results, nextToken?, timestamp }` with `timestamp` in epoch seconds. An unknown thing has an
 * empty list, as on AWS. Needs `iot:ListNamedShadowsForThing` on `thing/<thingName>`.
 *
 * @throws {LocalCloudError} `INVALID_REQUEST` (name, pageSize, nextToken), `FORBIDDEN` (policy).
 */
export function handleListNamedShadows(
  ctx: CloudContext,
  call: DataPlaneCall<{ operation: 'ListNamedShadowsForThing'; thingName: string }>,
): DataPlaneResponse {
  const { thingName } = parseDataPlaneNames(call.route.thingName);
  const resource = iotArn({
    region: ctx.region,
    accountId: ctx.accountId,
    resourceType: 'thing',
    resource: thingName,
  });
  if (!call.authorize('iot:ListNamedShadowsForThing', resource)) {
    throw new LocalCloudError(
      'FORBIDDEN',
      `iot:ListNamedShadowsForThing on ${resource} is not allowed`,
    );
  }
  const pageSize = readIntegerParameter(call.query, 'pageSize', 1, 250);
  const nextToken = call.query.get('nextToken');
  const page = ctx.registry.listNamedShadows(thingName, {
    ...(pageSize === undefined ? {} : { maxResults: pageSize }),
    ...(nextToken === null ? {} : { nextToken }),
  });
  return {
    status: 200,
    body: JSON.stringify({
      results: page.items,
      ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
      timestamp: Math.floor(ctx.clock.now() / 1000),
    }),
  };
}
