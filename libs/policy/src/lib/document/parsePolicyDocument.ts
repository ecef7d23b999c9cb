import { PolicyError } from '../errors/PolicyError.js';
import { PolicyDocumentSchema, type PolicyDocument } from './schemas.js';
import { formatIssues } from '../errors/formatIssues.js';

/**
 * Reads a policy document given as JSON text or as an already parsed value and checks it against
 * {@link PolicyDocumentSchema}: `Statement` as one object or an array; `Action` / `NotAction` and
 * `Resource` / `NotResource` as a string or an array; `Effect` `Allow` or `Deny`; `Condition`
 * operators this library implements.
 *
 * @returns the document, unchanged in shape (strings stay strings).
 * @throws {PolicyError} `INVALID_JSON` when `json` is text that is not JSON; `INVALID_DOCUMENT`
 *   naming the first wrong fields, what was expected and what was received (the zod error is the
 *   cause).
 */
export function parsePolicyDocument(json: unknown): PolicyDocument {
  let input = json;
  if (typeof json === 'string') {
    try {
      input = JSON.parse(json) as unknown;
    } catch (error) {
      throw new PolicyError(
        'INVALID_JSON',
        `Invalid policy document: expected JSON text, received text that does not parse (${error instanceof Error ? error.message : String(error)})`,
        { cause: error },
      );
    }
  }
  const result = PolicyDocumentSchema.safeParse(input);
  if (!result.success) {
    throw new PolicyError(
      'INVALID_DOCUMENT',
      `Invalid policy document: ${formatIssues(result.error.issues, input, 'document')}`,
      { cause: result.error },
    );
  }
  return result.data;
}
