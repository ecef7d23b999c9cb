import { parsePolicyDocument, PolicyError } from '@iot-gateway-net/policy';
import { awsException } from './awsException.js';

/** AWS IoT Core quota: "Maximum size of a policy document: 2048 characters (excluding white space)". */
export const MAX_POLICY_DOCUMENT_CHARS = 2048;

/**
 * Checks a policy document given to CreatePolicy / CreatePolicyVersion with
 * `@iot-gateway-net/policy` and AWS's size quota.
 *
 * @throws {LocalCloudError} MalformedPolicyException naming what is wrong.
 */
export function validatePolicyDocument(document: string): void {
  const size = document.replace(/\s/g, '').length;
  if (size > MAX_POLICY_DOCUMENT_CHARS) {
    throw awsException(
      'MalformedPolicyException',
      `Unexpected policy document of ${size} characters (excluding white space), expected at most ${MAX_POLICY_DOCUMENT_CHARS}`,
    );
  }
  try {
    parsePolicyDocument(document);
  } catch (error) {
    if (error instanceof PolicyError) {
      throw awsException('MalformedPolicyException', error.message, {}, { cause: error });
    }
    throw error;
  }
}
