import { PolicyError } from '../errors/PolicyError.js';

// A valid thing name that no topic builder writes by itself.
const PLACEHOLDER = 'POLICYx0THINGx0PLACEHOLDER';

/**
 * Builds a topic with a `@iot-gateway-net/topics` builder for a thing "name" the builder would
 * refuse, such as the policy variable `${iot:Connection.Thing.ThingName}` or `*`: the builder runs
 * with a valid placeholder that is then replaced, so topic layouts stay defined in one place.
 * With `throughThing`, the topic is cut right after the thing name (`$aws/things/<thing>` from
 * `shadowTopicPrefix`).
 *
 * @throws {PolicyError} `INVALID_ARGUMENT` when the builder's topic does not hold the thing name
 *   exactly once.
 */
export function thingScopedTopic(
  build: (thingName: string) => string,
  thing: string,
  throughThing = false,
): string {
  const topic = build(PLACEHOLDER);
  const at = topic.indexOf(PLACEHOLDER);
  if (at < 0 || topic.indexOf(PLACEHOLDER, at + 1) >= 0) {
    throw new PolicyError(
      'INVALID_ARGUMENT',
      `Unexpected topic ${JSON.stringify(topic)} from a topic builder, expected the thing name exactly once`,
    );
  }
  const end = throughThing ? at + PLACEHOLDER.length : topic.length;
  return topic.slice(0, at) + thing + topic.slice(at + PLACEHOLDER.length, end);
}
