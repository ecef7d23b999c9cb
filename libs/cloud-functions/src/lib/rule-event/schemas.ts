import { z } from 'zod';

/**
 * The fields an AWS IoT rule adds to the payload before it invokes a Lambda, with the rule SQL
 * `SELECT *, topic() AS topic, clientid() AS clientId, principal() AS principal,
 * timestamp() AS timestamp FROM '<filter>'` (AWS IoT SQL functions topic(), clientid(), principal(),
 * timestamp()). The payload's own fields sit next to them, so the object is kept loose.
 *
 * For a connection authenticated with an X.509 certificate, `principal()` is the certificate id.
 */
export const IotRuleEventSchema = z.looseObject({
  topic: z.string().min(1),
  clientId: z.string(),
  principal: z.string(),
  /** Milliseconds since the epoch, when the broker received the message. */
  timestamp: z.number().int().nonnegative(),
});

/** An AWS IoT rule event: payload fields plus {@link IotRuleEventSchema}'s envelope. */
export type IotRuleEvent = z.infer<typeof IotRuleEventSchema>;
