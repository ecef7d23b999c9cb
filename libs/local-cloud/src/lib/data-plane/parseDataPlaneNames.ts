import { isShadowName, isThingName } from '@iot-gateway-net/topics';
import { LocalCloudError } from '../errors/LocalCloudError.js';

/**
 * Checks the thing name and optional shadow name of a shadow route (AWS IoT Data Plane API:
 * `thingName` `[a-zA-Z0-9:_-]{1,128}`, `shadowName` up to 64 characters; names starting with `$`,
 * reserved by AWS, are refused as `@iot-gateway-net/topics` refuses them).
 *
 * @throws {LocalCloudError} `INVALID_REQUEST` naming the value received and the pattern expected.
 */
export function parseDataPlaneNames(
  thingName: string,
  shadowName?: string,
): { thingName: string; shadowName: string | undefined } {
  if (!isThingName(thingName)) {
    throw new LocalCloudError(
      'INVALID_REQUEST',
      `Unexpected thing name ${JSON.stringify(thingName)}, expected [a-zA-Z0-9:_-]{1,128}`,
    );
  }
  if (shadowName !== undefined && !isShadowName(shadowName)) {
    throw new LocalCloudError(
      'INVALID_REQUEST',
      `Unexpected shadow name ${JSON.stringify(shadowName)}, expected [a-zA-Z0-9:_-]{1,64}`,
    );
  }
  return { thingName, shadowName };
}
