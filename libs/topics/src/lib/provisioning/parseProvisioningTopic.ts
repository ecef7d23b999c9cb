import { isTemplateName } from '../names/isTemplateName.js';
import {
  PAYLOAD_FORMATS,
  PROVISIONING_REPLIES,
  type PayloadFormat,
  type ProvisioningReply,
  type ProvisioningTopic,
} from './types.js';

function readFormatAndReply(
  levels: readonly string[],
): { format: PayloadFormat; reply?: ProvisioningReply } | undefined {
  const [format, reply, ...extra] = levels;
  const knownFormat = PAYLOAD_FORMATS.find((candidate) => candidate === format);
  if (knownFormat === undefined || extra.length > 0) {
    return undefined;
  }
  if (reply === undefined) {
    return { format: knownFormat };
  }
  const knownReply = PROVISIONING_REPLIES.find((candidate) => candidate === reply);
  return knownReply === undefined ? undefined : { format: knownFormat, reply: knownReply };
}

/**
 * Reads a fleet provisioning topic (request or answer) back into operation, format, reply and, for
 * RegisterThing, template name. Never throws.
 *
 * @returns the parsed topic, or `undefined` for any other topic.
 */
export function parseProvisioningTopic(topic: string): ProvisioningTopic | undefined {
  const [aws, area, ...rest] = topic.split('/');
  if (aws !== '$aws') {
    return undefined;
  }
  if (area === 'certificates') {
    const [action, ...formatLevels] = rest;
    const parsed = readFormatAndReply(formatLevels);
    if (parsed === undefined) {
      return undefined;
    }
    if (action === 'create') {
      return { operation: 'CreateKeysAndCertificate', ...parsed };
    }
    if (action === 'create-from-csr') {
      return { operation: 'CreateCertificateFromCsr', ...parsed };
    }
    return undefined;
  }
  if (area === 'provisioning-templates') {
    const [templateName, provision, ...formatLevels] = rest;
    const parsed = readFormatAndReply(formatLevels);
    if (
      templateName === undefined ||
      !isTemplateName(templateName) ||
      provision !== 'provision' ||
      parsed === undefined
    ) {
      return undefined;
    }
    return { operation: 'RegisterThing', templateName, ...parsed };
  }
  return undefined;
}
