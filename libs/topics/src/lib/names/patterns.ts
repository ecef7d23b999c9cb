/** Thing names (AWS IoT API reference, CreateThing / UpdateThingShadow `thingName`). */
export const THING_NAME_PATTERN = /^[a-zA-Z0-9:_-]{1,128}$/;

/**
 * Named shadow names (AWS IoT Developer Guide, "Device Shadow service": up to 64 bytes of
 * `[a-zA-Z0-9:_-]`). The data-plane API pattern also allows `$` for AWS-managed names such as
 * `$package`; devices and apps of this project never create those, so they are refused here.
 */
export const SHADOW_NAME_PATTERN = /^[a-zA-Z0-9:_-]{1,64}$/;

/** Provisioning template names (AWS IoT API reference, CreateProvisioningTemplate). */
export const TEMPLATE_NAME_PATTERN = /^[0-9A-Za-z_-]{1,36}$/;

/** Command names of `amr/<thing>/cmd/<command>` (design 3.4). */
export const COMMAND_NAME_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;

/** Certificate ids: lowercase hex SHA-256 of the certificate's DER encoding. */
export const CERTIFICATE_ID_PATTERN = /^[0-9a-f]{64}$/;
