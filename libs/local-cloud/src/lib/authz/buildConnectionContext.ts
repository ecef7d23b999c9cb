import type { RequestContext } from '@iot-gateway-net/policy';
import type { ThingRecord } from '../registry/types.js';
import { certificatePolicyVariables } from './certificatePolicyVariables.js';
import type { CertificateFacts } from './types.js';

/** What {@link buildConnectionContext} binds into a connection's request context. */
export interface ConnectionContextInput {
  readonly clientId: string;
  /** The client's IP address (`aws:SourceIp`), when known. */
  readonly sourceIp?: string;
  /** `PersistentConnect` (clean session off) and `LastWill` (a Will was given). */
  readonly connectAttributes: readonly string[];
  /**
   * The thing named like the client id and attached to the connection's principal, if any: AWS IoT
   * takes the thing name from the client id and resolves the thing variables only for a thing
   * attached to the certificate or Cognito identity (AWS IoT Developer Guide, "Thing policy
   * variables").
   */
  readonly thing?: ThingRecord;
  /** The client certificate, for the X.509 certificate policy variables. */
  readonly certificate?: CertificateFacts;
  /** The Cognito identity id of a WebSocket connection made with Cognito credentials. */
  readonly cognitoIdentityId?: string;
}

/**
 * Builds the request context every policy decision of one connection is evaluated against: the
 * basic, thing, X.509 certificate and Cognito policy variables and condition keys of AWS IoT
 * ("Basic AWS IoT Core policy variables", "Thing policy variables", "X.509 certificate policy
 * variables", "Authorization with Amazon Cognito identities"). `iot:Connection.Thing.IsAttached` is
 * always present (`false` when no attached thing is named like the client id). Never throws.
 */
export function buildConnectionContext(input: ConnectionContextInput): RequestContext {
  const context: RequestContext = {
    'iot:ClientId': input.clientId,
    'iot:Connection.Thing.IsAttached': input.thing !== undefined,
    'iot:ConnectAttributes': [...input.connectAttributes],
  };
  if (input.sourceIp !== undefined) {
    context['aws:SourceIp'] = input.sourceIp;
  }
  const thing = input.thing;
  if (thing !== undefined) {
    context['iot:Connection.Thing.ThingName'] = thing.thingName;
    if (thing.thingTypeName !== undefined) {
      context['iot:Connection.Thing.ThingTypeName'] = thing.thingTypeName;
    }
    for (const [name, value] of Object.entries(thing.attributes)) {
      context[`iot:Connection.Thing.Attributes[${name}]`] = value;
    }
  }
  if (input.certificate !== undefined) {
    Object.assign(context, certificatePolicyVariables(input.certificate));
  }
  if (input.cognitoIdentityId !== undefined) {
    context['cognito-identity.amazonaws.com:sub'] = input.cognitoIdentityId;
  }
  return context;
}
