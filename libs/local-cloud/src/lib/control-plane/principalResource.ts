/**
 * The IAM resource of an operation on a principal or policy target: its ARN (certificate, thing
 * group), or `*` for a Cognito identity id, which is not an ARN.
 */
export function principalResource(principal: string): string {
  return principal.startsWith('arn:') ? principal : '*';
}
