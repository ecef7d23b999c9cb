import type Database from 'better-sqlite3';
import { LocalCloudError } from '../errors/LocalCloudError.js';

/**
 * Makes the check CreateThing / UpdateThing run on a `thingTypeName`: the type must exist and must
 * not be deprecated ("You can't associate new things with a deprecated thing type", AWS IoT
 * Developer Guide, "Deprecate a thing type").
 *
 * @throws {LocalCloudError} `INVALID_REQUEST` (AWS answers InvalidRequestException) from the
 *   returned function for a missing or deprecated type.
 */
export function createThingTypeGuard(db: Database.Database): (thingTypeName: string) => void {
  const select = db.prepare<[string], { deprecated: number }>(
    'SELECT deprecated FROM thing_types WHERE thing_type_name = ?',
  );
  return (thingTypeName) => {
    const row = select.get(thingTypeName);
    if (!row) {
      throw new LocalCloudError(
        'INVALID_REQUEST',
        `Unexpected thing type "${thingTypeName}", expected an existing thing type`,
      );
    }
    if (row.deprecated !== 0) {
      throw new LocalCloudError(
        'INVALID_REQUEST',
        `Unexpected thing type "${thingTypeName}": it is deprecated, expected a thing type that is not deprecated`,
      );
    }
  };
}
