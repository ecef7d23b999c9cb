import type { CloudContext } from '../context/CloudContext.js';

/** `arn:aws:iot:<region>:<account>:<type>/<name>`, the ARN IAM policies name AWS IoT resources by. */
export function iotResourceArn(
  ctx: Pick<CloudContext, 'region' | 'accountId'>,
  type: 'thing' | 'cert' | 'cacert' | 'policy' | 'thingtype' | 'thinggroup',
  name: string,
): string {
  return `arn:aws:iot:${ctx.region}:${ctx.accountId}:${type}/${name}`;
}
