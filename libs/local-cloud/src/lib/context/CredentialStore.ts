import type { PolicyDocument } from '@iot-gateway-net/policy';

/**
 * Who a set of SigV4 credentials belongs to.
 * - `admin`: the control-plane credentials written to endpoints.json (an IAM identity allowed `iot:*`).
 * - `iam`: any other IAM principal (for example a Cognito identity's temporary credentials), with
 *   its IAM policies; a `cognitoIdentityId` makes AWS IoT also require an IoT policy attached to
 *   that identity id (AWS IoT Developer Guide, "Authorization with Amazon Cognito identities").
 */
export type CredentialIdentity =
  | { kind: 'admin' }
  | { kind: 'iam'; iamPolicies: PolicyDocument[]; cognitoIdentityId?: string };

/** One SigV4 credential known to the local cloud. */
export interface CredentialRecord {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials carry a session token that must accompany every request. */
  sessionToken?: string;
  /** Epoch ms after which the credential is refused (ExpiredToken). */
  expiresAt?: number;
  identity: CredentialIdentity;
}

/** Looks up SigV4 credentials by access key id. Kept in memory; later issues add Cognito's. */
export interface CredentialStore {
  get(accessKeyId: string): CredentialRecord | undefined;
  put(record: CredentialRecord): void;
  delete(accessKeyId: string): void;
}
