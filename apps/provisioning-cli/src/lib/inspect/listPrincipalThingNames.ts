import { ListPrincipalThingsCommand, type IoTClient } from '@aws-sdk/client-iot';

/** Names of the things a principal (certificate ARN) is attached to (ListPrincipalThings). */
export async function listPrincipalThingNames(
  iot: IoTClient,
  principal: string,
): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await iot.send(new ListPrincipalThingsCommand({ principal, nextToken }));
    names.push(...(page.things ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined && nextToken !== '');
  return names;
}
