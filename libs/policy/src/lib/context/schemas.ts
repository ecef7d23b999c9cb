import { z } from 'zod';

/** A value of the request context: multivalued keys (`iot:ConnectAttributes`) are arrays. */
export const ContextValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.string()),
]);

/** One value of a {@link RequestContext}. */
export type ContextValue = z.infer<typeof ContextValueSchema>;

/**
 * What AWS IoT knows about a connection when it evaluates a policy: the keys policies read as
 * policy variables and condition keys (AWS IoT Developer Guide, "Basic AWS IoT Core policy
 * variables", "Thing policy variables", "X.509 certificate policy variables", and for browsers
 * "Authorization with Amazon Cognito identities"). Other keys
 * (`iot:Connection.Thing.Attributes[name]`, `iot:Certificate.Issuer.*`, ...) are accepted as they
 * are. Key names are case-insensitive, except inside `[...]` (IAM User Guide, "Request
 * information that you can use for policy variables"). A key left out is "not present".
 */
export const RequestContextSchema = z
  .object({
    'iot:ClientId': z.string().optional(),
    'iot:Connection.Thing.ThingName': z.string().optional(),
    'iot:Connection.Thing.ThingTypeName': z.string().optional(),
    'iot:Connection.Thing.IsAttached': z.boolean().optional(),
    'iot:Certificate.Subject.CommonName': z.string().optional(),
    'iot:Certificate.SerialNumber': z.string().optional(),
    'cognito-identity.amazonaws.com:sub': z.string().optional(),
    'aws:SourceIp': z.string().optional(),
    'iot:ConnectAttributes': z.array(z.string()).optional(),
  })
  .catchall(ContextValueSchema);

/** The request context of one connection; see {@link RequestContextSchema}. */
export type RequestContext = z.input<typeof RequestContextSchema>;

/**
 * One authorization question: may the connection described by `context` perform `action` on
 * `resource` (a full ARN, e.g. `arn:aws:iot:ap-northeast-1:123456789012:topic/amr/AMR-001/status`)?
 * `action` is matched case-insensitively (`iot:Publish`, `iot:RetainPublish`, `iot:Subscribe`,
 * `iot:Receive`, `iot:Connect`, `iot:CreateProvisioningClaim`, ...).
 */
export const AuthorizationRequestSchema = z.object({
  action: z.string().min(1, { error: 'expected an action such as "iot:Publish"' }),
  resource: z.string().min(1, { error: 'expected a resource ARN' }),
  context: RequestContextSchema.optional(),
});

/** See {@link AuthorizationRequestSchema}. */
export type AuthorizationRequest = z.input<typeof AuthorizationRequestSchema>;
