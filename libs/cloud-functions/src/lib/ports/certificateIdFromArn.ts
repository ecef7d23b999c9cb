/**
 * The certificate id of a certificate ARN (`arn:aws:iot:<region>:<account>:cert/<id>`), or
 * `undefined` for any other principal (a Cognito identity, an IAM role).
 */
export function certificateIdFromArn(arn: string): string | undefined {
  const match = /^arn:[^:]+:iot:[^:]*:[^:]*:cert\/([0-9a-f]{64})$/.exec(arn);
  return match?.[1];
}
