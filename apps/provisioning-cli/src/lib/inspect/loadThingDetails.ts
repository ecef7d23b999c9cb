import {
  DescribeThingCommand,
  ListThingPrincipalsCommand,
  type IoTClient,
} from '@aws-sdk/client-iot';
import { CliError } from '../errors/CliError.js';
import { certificateIdOf } from './certificateIdOf.js';
import { loadCertificateDetails } from './loadCertificateDetails.js';
import type { ThingDetails } from './schemas.js';

/**
 * Reads a thing (DescribeThing), its principals (ListThingPrincipals) and each certificate's
 * details, newest certificate first. Principals that are not certificates (Cognito identities)
 * are skipped.
 *
 * @throws {CliError} `NOT_FOUND` naming the thing when it does not exist.
 */
export async function loadThingDetails(
  iot: IoTClient,
  thingName: string,
  now: Date,
): Promise<ThingDetails> {
  let thing;
  try {
    thing = await iot.send(new DescribeThingCommand({ thingName }));
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') {
      throw new CliError(
        'NOT_FOUND',
        `No thing "${thingName}" in this account (check the serial and the thing name prefix)`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
  const principals: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await iot.send(new ListThingPrincipalsCommand({ thingName, nextToken }));
    principals.push(...(page.principals ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined && nextToken !== '');
  const certificates = await Promise.all(
    principals
      .filter((principal) => principal.includes(':cert/'))
      .map((principal) => loadCertificateDetails(iot, certificateIdOf(principal), now)),
  );
  certificates.sort((a, b) => b.notBefore.localeCompare(a.notBefore));
  return {
    thingName,
    ...(thing.thingArn === undefined ? {} : { thingArn: thing.thingArn }),
    ...(thing.thingTypeName === undefined ? {} : { thingTypeName: thing.thingTypeName }),
    attributes: thing.attributes ?? {},
    ...(thing.version === undefined ? {} : { version: thing.version }),
    certificates,
  };
}
