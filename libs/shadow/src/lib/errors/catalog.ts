/**
 * Every error the Device Shadow service answers with, keyed by this lib's error code: the HTTP
 * status AWS puts in `code`, the exact `message` text, and whether the error document carries a
 * `timestamp`.
 *
 * Messages are copied from the AWS IoT Developer Guide, "Device Shadow error messages". Two entries
 * have no documented text and are this lib's choice: `TOO_MANY_REQUESTS` (the page only describes
 * when 429 happens) and `NULL_IN_ARRAY` ("Shadow document examples" → "Array values in shadow
 * documents" says such arrays are rejected, not with which message; "Invalid JSON" is the only
 * documented 400 text that fits). `SHADOW_NOT_FOUND` is a prefix: the name follows in single
 * quotes, as AWS answers (`No shadow exists with name: 'simShadow1'`, "Simulating Device Shadow
 * service communications").
 *
 * `timestamp: false` follows what AWS was seen to send: the 404 and 409 examples of the Developer
 * Guide ("Interacting with shadows" → "Optimistic locking", "Simulating Device Shadow service
 * communications") and the 400 answers quoted from the AWS IoT console have no `timestamp`; the
 * other codes keep the documented error-document format, which has one.
 */
export const SHADOW_ERRORS = {
  INVALID_JSON: { status: 400, message: 'Invalid JSON', timestamp: false },
  MISSING_STATE: { status: 400, message: 'Missing required node: state', timestamp: false },
  STATE_NOT_OBJECT: { status: 400, message: 'State node must be an object', timestamp: false },
  DESIRED_NOT_OBJECT: { status: 400, message: 'Desired node must be an object', timestamp: false },
  REPORTED_NOT_OBJECT: {
    status: 400,
    message: 'Reported node must be an object',
    timestamp: false,
  },
  INVALID_VERSION: { status: 400, message: 'Invalid version', timestamp: false },
  INVALID_CLIENT_TOKEN: { status: 400, message: 'Invalid clientToken', timestamp: false },
  TOO_DEEP: {
    status: 400,
    message: 'JSON contains too many levels of nesting; maximum is 6',
    timestamp: false,
  },
  INVALID_STATE_NODE: { status: 400, message: 'State contains an invalid node', timestamp: false },
  NULL_IN_ARRAY: { status: 400, message: 'Invalid JSON', timestamp: false },
  UNAUTHORIZED: { status: 401, message: 'Unauthorized', timestamp: true },
  FORBIDDEN: { status: 403, message: 'Forbidden', timestamp: true },
  THING_NOT_FOUND: { status: 404, message: 'Thing not found', timestamp: false },
  SHADOW_NOT_FOUND: { status: 404, message: 'No shadow exists with name: ', timestamp: false },
  VERSION_CONFLICT: { status: 409, message: 'Version conflict', timestamp: false },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    message: 'The payload exceeds the maximum size allowed',
    timestamp: true,
  },
  UNSUPPORTED_ENCODING: {
    status: 415,
    message: 'Unsupported documented encoding; supported encoding is UTF-8',
    timestamp: true,
  },
  TOO_MANY_REQUESTS: { status: 429, message: 'Too Many Requests', timestamp: true },
  INTERNAL_FAILURE: { status: 500, message: 'Internal service failure', timestamp: true },
  /** Not an AWS answer: a persisted shadow failed {@link StoredShadowSchema}; AWS-facing it is a 500. */
  INVALID_STORED_SHADOW: { status: 500, message: 'Internal service failure', timestamp: true },
} as const satisfies Record<string, { status: number; message: string; timestamp: boolean }>;

/** Why a shadow request failed; each code maps to one AWS error in {@link SHADOW_ERRORS}. */
export type ShadowErrorCode = keyof typeof SHADOW_ERRORS;

/** The HTTP status codes the Device Shadow service answers errors with. */
export type ShadowErrorStatus = (typeof SHADOW_ERRORS)[ShadowErrorCode]['status'];
