import { ShadowError } from '@iot-gateway-net/shadow';
import { iotArn } from '@iot-gateway-net/policy';
import type { CloudContext } from '../context/CloudContext.js';
import type { ShadowEngine } from '../shadow-service/types.js';
import { awsErrorResponse } from './awsErrorResponse.js';
import { parseDataPlaneNames } from './parseDataPlaneNames.js';
import type { DataPlaneCall, DataPlaneResponse, DataPlaneRoute } from './types.js';

type ShadowRoute = Extract<
  DataPlaneRoute,
  { operation: 'GetThingShadow' | 'UpdateThingShadow' | 'DeleteThingShadow' }
>;

const OPERATIONS = {
  GetThingShadow: 'get',
  UpdateThingShadow: 'update',
  DeleteThingShadow: 'delete',
} as const;

/**
 * GetThingShadow, UpdateThingShadow and DeleteThingShadow (AWS IoT Developer Guide, "Device Shadow
 * REST API"), executed by the same shadow engine as MQTT requests. The caller needs
 * `iot:<Operation>` on `thing/<thingName>` (classic) or `thing/<thingName>/<shadowName>` ("AWS IoT
 * Core action resources"). The answer is the accepted document with 200, or the shadow error
 * document with its code as status (404 `ResourceNotFoundException`, 409 `ConflictException`, ...);
 * a policy denial is the shadow service's 403 `Forbidden`.
 *
 * @throws {LocalCloudError} `INVALID_REQUEST` for a bad thing or shadow name.
 */
export async function handleThingShadow(
  ctx: CloudContext,
  shadows: Pick<ShadowEngine, 'execute'>,
  call: DataPlaneCall<ShadowRoute>,
): Promise<DataPlaneResponse> {
  const { thingName, shadowName } = parseDataPlaneNames(
    call.route.thingName,
    call.route.shadowName,
  );
  const resource = iotArn({
    region: ctx.region,
    accountId: ctx.accountId,
    resourceType: 'thing',
    resource: shadowName === undefined ? thingName : `${thingName}/${shadowName}`,
  });
  const action = `iot:${call.route.operation}`;
  if (!call.authorize(action, resource)) {
    const error = ShadowError.forbidden(`${action} on ${resource} is not allowed`);
    return awsErrorResponse(403, error.toPayload({ now: ctx.clock.now() }));
  }
  const outcome = await shadows.execute({
    operation: OPERATIONS[call.route.operation],
    thingName,
    shadowName,
    payload: call.body,
    protocol: 'https',
  });
  if (outcome.accepted) return { status: 200, body: outcome.body };
  return awsErrorResponse(outcome.status, JSON.parse(outcome.body) as { message: string });
}
