/**
 * AWS's limits on provisioning templates and their parameters, in characters.
 * Sources: AWS IoT API Reference, CreateProvisioningTemplate / CreateProvisioningTemplateVersion
 * (`templateBody` maximum length 10240) and RegisterThing (`parameters` key maximum length 2048,
 * value maximum length 4096).
 */
export const PROVISIONING_TEMPLATE_LIMITS = Object.freeze({
  /** `templateBody`, in characters. */
  templateBodyLength: 10_240,
  /** A parameter key, in characters. */
  parameterKeyLength: 2_048,
  /** A parameter value, in characters. */
  parameterValueLength: 4_096,
} as const);
