import { TEMPLATE_NAME_PATTERN } from './patterns.js';

/**
 * True when `value` is a valid provisioning template name: 1 to 36 characters of `[0-9A-Za-z_-]`
 * (AWS CreateProvisioningTemplate). Never throws.
 */
export function isTemplateName(value: unknown): value is string {
  return typeof value === 'string' && TEMPLATE_NAME_PATTERN.test(value);
}
