import { isShadowName } from '../names/isShadowName.js';
import { isThingName } from '../names/isThingName.js';
import { isShadowOperation } from './isShadowOperation.js';
import type { ShadowTopic } from './operations.js';

/**
 * Reads a Device Shadow topic back into thing name, optional shadow name and operation. Never
 * throws.
 *
 * @returns the parsed topic, or `undefined` when `topic` is not a shadow topic with a valid thing
 *   name, shadow name and operation.
 */
export function parseShadowTopic(topic: string): ShadowTopic | undefined {
  const [aws, things, thingName, shadow, ...rest] = topic.split('/');
  if (aws !== '$aws' || things !== 'things' || shadow !== 'shadow') {
    return undefined;
  }
  if (thingName === undefined || !isThingName(thingName)) {
    return undefined;
  }
  if (rest[0] === 'name') {
    const [, shadowName, ...operationLevels] = rest;
    const operation = operationLevels.join('/');
    if (shadowName === undefined || !isShadowName(shadowName) || !isShadowOperation(operation)) {
      return undefined;
    }
    return { thingName, shadowName, operation };
  }
  const operation = rest.join('/');
  return isShadowOperation(operation) ? { thingName, operation } : undefined;
}
