import { ListCertificatesCommand, type IoTClient } from '@aws-sdk/client-iot';

/** Every certificate id in the account (ListCertificates, all pages, oldest first). */
export async function listCertificateIds(iot: IoTClient): Promise<string[]> {
  const ids: string[] = [];
  let marker: string | undefined;
  do {
    const page = await iot.send(
      new ListCertificatesCommand({ marker, pageSize: 250, ascendingOrder: true }),
    );
    for (const certificate of page.certificates ?? []) {
      if (certificate.certificateId !== undefined) ids.push(certificate.certificateId);
    }
    marker = page.nextMarker;
  } while (marker !== undefined && marker !== '');
  return ids;
}
