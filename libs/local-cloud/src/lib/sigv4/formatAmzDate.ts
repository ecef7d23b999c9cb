/** Writes epoch ms as an ISO 8601 basic timestamp (`20130524T000000Z`), as AWS quotes it in errors. */
export function formatAmzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
