import { buildClaimPolicy } from '@iot-gateway-net/policy';
import { z } from 'zod';
import { LocalCloudError } from '../../errors/LocalCloudError.js';
import { PROVISIONING_CLAIM_LIFETIME_MS } from '../../fleet-provisioning/constants.js';
import { ProvisioningTemplateNameSchema } from '../../fleet-provisioning/templateSchemas.js';
import { defineOperation } from '../defineOperation.js';
import { newCertificateRecord } from '../newCertificateRecord.js';
import { toEpochSeconds } from '../toEpochSeconds.js';

/**
 * CreateProvisioningClaim: `POST /provisioning-templates/{templateName}/provisioning-claim`
 * (provisioning by trusted user). The local CA issues a key and a certificate valid 5 minutes,
 * registered ACTIVE with origin `provisioning-claim` (hidden from ListCertificates, refused by the
 * broker and by the fleet-provisioning API once `expiresAt` passed, then deleted by the sweep of
 * `sweepUnregisteredCertificates`) and attached to the policy
 * `provisioning-claim-<templateName>` (created once), which allows only that template's fleet
 * provisioning topics (AWS keeps this policy implicit). ResourceNotFoundException for an unknown
 * template.
 */
export const createProvisioningClaim = defineOperation({
  name: 'CreateProvisioningClaim',
  method: 'POST',
  path: '/provisioning-templates/{templateName}/provisioning-claim',
  input: z.object({ labels: z.object({ templateName: ProvisioningTemplateNameSchema }) }),
  resource: (input, ctx) =>
    `arn:aws:iot:${ctx.region}:${ctx.accountId}:provisioningtemplate/${input.labels.templateName}`,
  run: async (input, ctx) => {
    const { templateName } = input.labels;
    if (ctx.registry.getProvisioningTemplate(templateName) === undefined) {
      throw new LocalCloudError(
        'NOT_FOUND',
        `The provisioning template "${templateName}" does not exist`,
      );
    }
    const now = ctx.clock.now();
    const expiresAt = now + PROVISIONING_CLAIM_LIFETIME_MS;
    const issued = await ctx.ca.issueKeyAndCertificate({
      now: new Date(now),
      lifetimeMs: PROVISIONING_CLAIM_LIFETIME_MS,
    });
    const policyName = `provisioning-claim-${templateName}`;
    const record = ctx.registry.transaction(() => {
      const certificate = ctx.registry.insertCertificate({
        ...newCertificateRecord(ctx, {
          ...issued,
          status: 'ACTIVE',
          certificateMode: 'DEFAULT',
          origin: 'provisioning-claim',
        }),
        expiresAt,
      });
      if (ctx.registry.getPolicy(policyName) === undefined) {
        const document = buildClaimPolicy({
          region: ctx.region,
          accountId: ctx.accountId,
          templateName,
          formats: ['json', 'cbor'],
        });
        ctx.registry.createPolicy(policyName, JSON.stringify(document));
      }
      ctx.registry.attachPolicy(policyName, certificate.certificateArn);
      return certificate;
    });
    return {
      certificateId: record.certificateId,
      certificatePem: record.certificatePem,
      keyPair: { PublicKey: issued.publicKeyPem, PrivateKey: issued.privateKeyPem },
      expiration: toEpochSeconds(expiresAt),
    };
  },
});
