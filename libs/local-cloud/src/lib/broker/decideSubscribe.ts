import type { ConnectionPermissions } from '../authz/createConnectionPermissions.js';
import { subscribeFilterProblem } from './subscribeFilterProblem.js';

/** What the broker answers for one topic filter of a SUBSCRIBE. */
export type SubscribeVerdict =
  | { readonly granted: true }
  | {
      readonly granted: false;
      /** The policy action that was denied, for denials. */
      readonly action?: 'iot:Subscribe';
      readonly message: string;
    };

/** What {@link decideSubscribe} needs to know about one filter and its connection. */
export interface SubscribeRequest {
  readonly filter: string;
  /** Whether the connection already holds this filter (re-subscribing does not count twice). */
  readonly alreadySubscribed: boolean;
  readonly subscriptionCount: number;
  readonly maxSubscriptions: number;
  readonly permissions: Pick<ConnectionPermissions, 'subscribe'>;
}

/**
 * Decides one filter of a SUBSCRIBE. A refused filter gets the failure return code 0x80 in the
 * SUBACK and the connection stays open, as AWS IoT answers failed subscriptions (the AWS IoT Device
 * SDKs read 0x80 per filter; AWS IoT Developer Guide, "AWS IoT Core policy actions" for
 * `iot:Subscribe`): a bad filter, one filter too many for the connection (AWS quota: 50
 * subscriptions per connection), or no `iot:Subscribe` on `topicfilter/<filter>`. Never throws.
 */
export function decideSubscribe(request: SubscribeRequest): SubscribeVerdict {
  const { filter } = request;
  const problem = subscribeFilterProblem(filter);
  if (problem !== undefined) {
    return { granted: false, message: problem };
  }
  if (!request.alreadySubscribed && request.subscriptionCount >= request.maxSubscriptions) {
    return {
      granted: false,
      message: `Unexpected subscription to "${filter}", expected at most ${request.maxSubscriptions} subscriptions per connection`,
    };
  }
  if (request.permissions.subscribe(filter).decision !== 'allow') {
    return {
      granted: false,
      action: 'iot:Subscribe',
      message: `Subscribe to "${filter}" is not allowed by the connection's policies`,
    };
  }
  return { granted: true };
}
