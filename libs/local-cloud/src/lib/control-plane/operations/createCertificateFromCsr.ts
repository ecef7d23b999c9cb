import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { newCertificateRecord } from '../newCertificateRecord.js';
import { pkiFailure } from '../pkiFailure.js';
import { QueryBooleanSchema } from '../schemas.js';
import { deviceCertificateValidity } from '../../context/deviceCertificateValidity.js';

/**
 * CreateCertificateFromCsr: `POST /certificates?setAsActive=`. The local root CA signs the CSR
 * for `ctx.deviceCertificateLifetimeDays` (365 days by default), as the project's certificate
 * provider does on AWS (aws-wire.md section 1). A CSR that does not parse or has a key AWS refuses
 * answers InvalidRequestException.
 */
export const createCertificateFromCsr = defineOperation({
  name: 'CreateCertificateFromCsr',
  method: 'POST',
  path: '/certificates',
  input: z.object({
    query: z.object({ setAsActive: QueryBooleanSchema.optional() }),
    body: z.object({
      certificateSigningRequest: z
        .string({ error: 'a PEM certificate signing request' })
        .min(1)
        .max(4096),
    }),
  }),
  run: async (input, ctx) => {
    let issued;
    try {
      issued = await ctx.ca.issueFromCsr(
        input.body.certificateSigningRequest,
        deviceCertificateValidity(ctx),
      );
    } catch (error) {
      throw pkiFailure(error, 'InvalidRequestException', 'certificateSigningRequest');
    }
    const record = ctx.registry.insertCertificate(
      newCertificateRecord(ctx, {
        ...issued,
        status: input.query.setAsActive ? 'ACTIVE' : 'INACTIVE',
        certificateMode: 'DEFAULT',
        origin: 'api',
      }),
    );
    return {
      certificateArn: record.certificateArn,
      certificateId: record.certificateId,
      certificatePem: record.certificatePem,
    };
  },
});
