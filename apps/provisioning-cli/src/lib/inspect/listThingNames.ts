import { ListThingsCommand, type IoTClient } from '@aws-sdk/client-iot';

/**
 * Every thing name in the account (ListThings, all pages), optionally only things whose attribute
 * `attributeName` equals `attributeValue`.
 */
export async function listThingNames(
  iot: IoTClient,
  filter?: { readonly attributeName: string; readonly attributeValue: string },
): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await iot.send(
      new ListThingsCommand({ nextToken, maxResults: 100, ...(filter ?? {}) }),
    );
    for (const thing of page.things ?? []) {
      if (thing.thingName !== undefined) names.push(thing.thingName);
    }
    nextToken = page.nextToken;
  } while (nextToken !== undefined && nextToken !== '');
  return names;
}
