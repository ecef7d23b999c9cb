import { compileFilter } from '../broker/compileFilter.js';
import type { CloudContext } from '../context/CloudContext.js';
import type { InboundMessage, MessageBus } from '../context/MessageBus.js';
import type { LocalRule, RuleEvent } from './types.js';

/** The running rules. */
export interface Rules {
  /**
   * Hands a message the cloud itself published to the rules whose filter matches its topic, as
   * AWS's rules engine does for the reserved `$aws/events/...` topics (e.g. the JITR
   * `$aws/events/certificates/registered/<caCertificateId>` event): service publishes do not reach
   * `bus.handle`, which sees client publishes only. Resolves when those actions finished (their
   * errors are logged, as for client publishes).
   */
  dispatch(message: InboundMessage): Promise<void>;
  /** Stops routing; waits for actions still running. */
  close(): Promise<void>;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
const NOT_MQTT_CLIENT_ID = 'n/a';

/**
 * Routes client publishes to rule actions in-process, the way AWS IoT's rules engine hands them to a
 * Lambda action: the payload must be a JSON object (AWS skips the action otherwise: the SQL `*`
 * has nothing to select), the envelope fields come from the publisher (see {@link RuleEvent}), and
 * an action's output is published through the bus like a Lambda's `iot-data:Publish`. MQTT and
 * HTTPS publishes both arrive through `bus.handle`, so a rule sees both, as on AWS. Action errors
 * are logged and counted (AWS: the rule's error action), never crash the broker.
 */
export function createRules(ctx: CloudContext, bus: MessageBus, rules: LocalRule[]): Rules {
  const log = ctx.logger.child({ component: 'rules' });
  const runs = ctx.metrics.counter(
    'local_cloud_rule_actions_total',
    'Rule actions run, by rule and result.',
  );
  const running = new Set<Promise<void>>();
  const start = (rule: LocalRule, message: InboundMessage): Promise<void> => {
    const run = runRule(rule, message).finally(() => running.delete(run));
    running.add(run);
    return run;
  };
  const removers = rules.map((rule) =>
    bus.handle(rule.topicFilter, (message) => void start(rule, message)),
  );
  const matchers = rules.map((rule) => ({ rule, matches: compileFilter(rule.topicFilter) }));
  let closed = false;

  async function runRule(rule: LocalRule, message: InboundMessage): Promise<void> {
    const event = toRuleEvent(message);
    if (event === undefined) {
      runs.inc({ rule: rule.name, result: 'skipped' });
      log.debug('rules.skipped_non_json', { rule: rule.name, topic: message.topic });
      return;
    }
    try {
      const output = await rule.action(event);
      if (output) {
        await bus.publish(output.topic, JSON.stringify(output.payload), { qos: 1 });
      }
      runs.inc({ rule: rule.name, result: 'ok' });
    } catch (error) {
      runs.inc({ rule: rule.name, result: 'error' });
      log.error('rules.action_failed', { rule: rule.name, topic: message.topic, error });
    }
  }

  return {
    async dispatch(message) {
      if (closed) return;
      await Promise.all(
        matchers.filter((m) => m.matches(message.topic)).map((m) => start(m.rule, message)),
      );
    },
    async close() {
      closed = true;
      for (const remove of removers) remove();
      await Promise.allSettled([...running]);
    },
  };
}

function toRuleEvent(message: InboundMessage): RuleEvent | undefined {
  let payload: unknown;
  try {
    payload = JSON.parse(decoder.decode(message.payload));
  } catch {
    return undefined;
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
  return {
    ...(payload as Record<string, unknown>),
    topic: message.topic,
    // clientid(): "the ID of the MQTT client sending the message, or n/a if the message wasn't sent
    // over MQTT" (AWS IoT SQL reference, "Functions").
    clientId: message.clientId ?? NOT_MQTT_CLIENT_ID,
    principal: message.certificateId ?? message.principal ?? message.accessKeyId ?? '',
    timestamp: message.receivedAt,
  };
}
