/**
 * The server's clock: the `Date` header of a HEAD request to `url` (any status counts). Resolves
 * `undefined` when there is no usable header.
 */
export async function serverDate(url: string, timeoutMs = 5_000): Promise<Date | undefined> {
  const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) });
  const header = response.headers.get('date');
  if (header === null) return undefined;
  const date = new Date(header);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
