import { formatAndReplySuffix } from '../internal/formatAndReplySuffix.js';
import { assertTemplateName } from '../names/assertTemplateName.js';
import type { PayloadFormat, ProvisioningReply } from './types.js';

/**
 * RegisterThing topic: `$aws/provisioning-templates/<templateName>/provision/<format>` to ask,
 * with `reply` the answer topic `.../accepted` or `.../rejected` (AWS IoT Developer Guide, "Device
 * provisioning MQTT API").
 *
 * @throws {TopicError} `INVALID_TEMPLATE_NAME` (`[0-9A-Za-z_-]{1,36}`), or `INVALID_TOPIC` for an
 *   unknown `format` or `reply`.
 */
export function registerThingTopic(
  templateName: string,
  format: PayloadFormat,
  reply?: ProvisioningReply,
): string {
  assertTemplateName(templateName);
  const suffix = formatAndReplySuffix(format, reply);
  return `$aws/provisioning-templates/${templateName}/provision/${suffix}`;
}
