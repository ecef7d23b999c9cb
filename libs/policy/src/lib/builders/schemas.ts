import { PAYLOAD_FORMATS, TemplateNameSchema, ThingNameSchema } from '@iot-gateway-net/topics';
import { z } from 'zod';
import { AccountIdSchema, PartitionSchema, RegionSchema } from '../arn/schemas.js';

/** Where a policy applies: region, account and partition (`aws` by default). */
export const PolicyTargetSchema = z.object({
  region: RegionSchema,
  accountId: AccountIdSchema,
  partition: PartitionSchema.default('aws'),
});

/** Options of `buildDevicePolicy`. */
export const DevicePolicyOptionsSchema = PolicyTargetSchema;

/** Options of `buildDevicePolicy`. */
export type DevicePolicyOptions = z.input<typeof DevicePolicyOptionsSchema>;

/**
 * Options of `buildBrowserPolicy`: the robots the operator UI may see and command, or `'*'` for
 * every robot.
 */
export const BrowserPolicyOptionsSchema = PolicyTargetSchema.extend({
  thingNames: z.union(
    [
      z.literal('*'),
      z.array(ThingNameSchema).min(1, { error: 'expected at least one thing name' }),
    ],
    {
      error: 'expected "*" or a non-empty array of thing names [a-zA-Z0-9:_-]{1,128}',
    },
  ),
});

/** Options of `buildBrowserPolicy`. */
export type BrowserPolicyOptions = z.input<typeof BrowserPolicyOptionsSchema>;

/** The two ways a claim certificate can ask for a production certificate. */
export const CLAIM_METHODS = ['CreateKeysAndCertificate', 'CreateCertificateFromCsr'] as const;

/** One of {@link CLAIM_METHODS}. */
export type ClaimMethod = (typeof CLAIM_METHODS)[number];

/**
 * Options of `buildClaimPolicy`: the provisioning template, the certificate methods (both by
 * default) and payload formats (`json` by default).
 */
export const ClaimPolicyOptionsSchema = PolicyTargetSchema.extend({
  templateName: TemplateNameSchema,
  methods: z
    .array(z.enum(CLAIM_METHODS, { error: `expected one of ${CLAIM_METHODS.join(', ')}` }))
    .min(1, { error: 'expected at least one method' })
    .default([...CLAIM_METHODS]),
  formats: z
    .array(z.enum(PAYLOAD_FORMATS, { error: `expected one of ${PAYLOAD_FORMATS.join(', ')}` }))
    .min(1, { error: 'expected at least one format' })
    .default(['json']),
});

/** Options of `buildClaimPolicy`. */
export type ClaimPolicyOptions = z.input<typeof ClaimPolicyOptionsSchema>;

/** Options of `buildTrustedUserRolePolicy`. */
export const TrustedUserRolePolicyOptionsSchema = PolicyTargetSchema.extend({
  templateName: TemplateNameSchema,
});

/** Options of `buildTrustedUserRolePolicy`. */
export type TrustedUserRolePolicyOptions = z.input<typeof TrustedUserRolePolicyOptionsSchema>;

const HOST = String.raw`(?:\*\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\]`;
const PORT = String.raw`(?::\d{1,5})?`;
const PATH = String.raw`(?:/[A-Za-z0-9._~!$&()*+=@%/-]*)?`;

/** A CSP host-source with an explicit scheme, e.g. `https://cognito-idp.ap-northeast-1.amazonaws.com`. */
export const CspSourceSchema = z
  .string()
  .regex(new RegExp(`^(?:https?|wss?)://(?:${HOST})${PORT}${PATH}$`), {
    error:
      'expected a source "<http|https|ws|wss>://host[:port][/path]" (no keywords, no bare "*", no "unsafe-*")',
  });

/** The AWS IoT data endpoint: a host (`xxxx-ats.iot.ap-northeast-1.amazonaws.com`) or a ws(s) URL. */
export const IotEndpointSchema = z.union(
  [
    z.string().regex(new RegExp(`^(?:${HOST})${PORT}$`)),
    z.string().regex(new RegExp(`^wss?://(?:${HOST})${PORT}${PATH}$`)),
  ],
  {
    error: 'expected a host such as "xxxx-ats.iot.ap-northeast-1.amazonaws.com" or a ws(s):// URL',
  },
);

/** A script hash source, `sha256-<base64>` (also sha384 / sha512), quoted or not. */
export const ScriptHashSchema = z.string().regex(/^'?sha(?:256|384|512)-[A-Za-z0-9+/]+={0,2}'?$/, {
  error: "expected a hash source such as 'sha256-<base64>'",
});

/** Options of `buildContentSecurityPolicy`. */
export const ContentSecurityPolicyOptionsSchema = z.object({
  region: RegionSchema,
  iotEndpoint: IotEndpointSchema.optional(),
  cognitoIdpUrl: CspSourceSchema.optional(),
  cognitoIdentityUrl: CspSourceSchema.optional(),
  extraConnectSrc: z.array(CspSourceSchema).default([]),
  scriptHashes: z.array(ScriptHashSchema).default([]),
});

/** Options of `buildContentSecurityPolicy`. */
export type ContentSecurityPolicyOptions = z.input<typeof ContentSecurityPolicyOptionsSchema>;
