/**
 * Policy variables the builders use (AWS IoT Developer Guide, "Thing policy variables", "Basic
 * AWS IoT Core policy variables"; "Authorization with Amazon Cognito identities" for the identity
 * id, which is `<region>:<guid>`, not the user pool `sub`).
 */
export const POLICY_VARIABLES = {
  thingName: '${iot:Connection.Thing.ThingName}',
  thingIsAttached: 'iot:Connection.Thing.IsAttached',
  clientId: '${iot:ClientId}',
  cognitoIdentityId: '${cognito-identity.amazonaws.com:sub}',
} as const;
