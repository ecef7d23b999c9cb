/**
 * Makes an opaque `nextToken` from the sort key of the last item of a page: base64url of its JSON,
 * so the next page resumes strictly after it even when items were added or removed in between.
 */
export function encodePageToken(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}
