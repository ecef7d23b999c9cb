/** Region and account of the local cloud (its defaults, spelled out so hook ARNs match). */
export const REGION = 'ap-northeast-1';
export const ACCOUNT_ID = '000000000000';

/** The demo fleet's provisioning template (the fleet-setup default). */
export const TEMPLATE_NAME = 'amr-fleet';

/** Things are named `AMR-<serial>` (fleet-setup's default prefix). */
export const THING_NAME_PREFIX = 'AMR-';

/**
 * The pre-provisioning hook's ARN. On AWS it names the Lambda function; the local cloud runs the
 * same handler in-process under this ARN.
 */
export const HOOK_ARN = (region: string, accountId: string): string =>
  `arn:aws:lambda:${region}:${accountId}:function:amr-pre-provisioning-hook`;

/** The role AWS IoT assumes to apply the template (the local cloud only records it). */
export const PROVISIONING_ROLE_ARN = (accountId: string): string =>
  `arn:aws:iam::${accountId}:role/amr-fleet-provisioning`;

/** Serial numbers of the simulated fleet: `001`, `002`, … */
export const demoSerials = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => String(i + 1).padStart(3, '0'));
