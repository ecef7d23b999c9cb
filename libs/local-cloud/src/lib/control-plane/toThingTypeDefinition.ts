import type { ThingTypeRecord } from '../registry/types.js';
import { toEpochSeconds } from './toEpochSeconds.js';

/**
 * A thing type as DescribeThingType and ListThingTypes answer it (`ThingTypeDefinition`):
 * `thingTypeProperties` and `thingTypeMetadata` with epoch-second dates.
 */
export function toThingTypeDefinition(type: ThingTypeRecord) {
  return {
    thingTypeName: type.thingTypeName,
    thingTypeArn: type.thingTypeArn,
    thingTypeProperties: {
      thingTypeDescription: type.thingTypeDescription,
      searchableAttributes: type.searchableAttributes,
    },
    thingTypeMetadata: {
      deprecated: type.deprecated,
      deprecationDate:
        type.deprecationDate === undefined ? undefined : toEpochSeconds(type.deprecationDate),
      creationDate: toEpochSeconds(type.creationDate),
    },
  };
}
