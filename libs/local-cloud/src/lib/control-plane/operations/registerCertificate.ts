import { certificateId, verifyCertificateSignedBy } from '@iot-gateway-net/pki';
import { z } from 'zod';
import type { CloudContext } from '../../context/CloudContext.js';
import type { CaCertificateRecord } from '../../registry/types.js';
import { alreadyRegistered } from '../alreadyRegistered.js';
import { awsException } from '../awsException.js';
import { defineOperation } from '../defineOperation.js';
import { newCertificateRecord } from '../newCertificateRecord.js';
import { parseCertificatePem } from '../parseCertificatePem.js';
import { pkiFailure } from '../pkiFailure.js';
import { CertificateStatusSchema, QueryBooleanSchema } from '../schemas.js';

/**
 * RegisterCertificate: `POST /certificate/register?setAsActive=`. The certificate must be signed
 * by a registered, ACTIVE CA certificate (the one given as `caCertificatePem`, or any registered
 * one) and valid now. Its status is `status`, ACTIVE with `setAsActive`, INACTIVE otherwise.
 */
export const registerCertificate = defineOperation({
  name: 'RegisterCertificate',
  method: 'POST',
  path: '/certificate/register',
  input: z.object({
    query: z.object({ setAsActive: QueryBooleanSchema.optional() }),
    body: z.object({
      certificatePem: z.string({ error: 'a PEM certificate' }).min(1).max(65536),
      caCertificatePem: z.string().min(1).max(65536).optional(),
      status: CertificateStatusSchema.optional(),
    }),
  }),
  run: async (input, ctx) => {
    const { certificatePem, caCertificatePem } = input.body;
    const parsed = parseCertificatePem(certificatePem, 'certificatePem', ctx.clock.now());
    const ca = await findSigningCa(ctx, certificatePem, caCertificatePem);
    if (ca.status !== 'ACTIVE') {
      throw awsException(
        'CertificateStateException',
        `The CA certificate ${ca.caCertificateId} is ${ca.status}, expected ACTIVE to register certificates it signed`,
      );
    }
    const record = alreadyRegistered(ctx, parsed.certificateId, () =>
      ctx.registry.insertCertificate(
        newCertificateRecord(ctx, {
          certificateId: parsed.certificateId,
          certificatePem,
          notBefore: parsed.notBefore,
          notAfter: parsed.notAfter,
          status: input.body.status ?? (input.query.setAsActive ? 'ACTIVE' : 'INACTIVE'),
          certificateMode: 'DEFAULT',
          origin: 'registered',
          caCertificateId: ca.caCertificateId,
        }),
      ),
    );
    return { certificateArn: record.certificateArn, certificateId: record.certificateId };
  },
});

async function findSigningCa(
  ctx: CloudContext,
  certificatePem: string,
  caCertificatePem: string | undefined,
): Promise<CaCertificateRecord> {
  const notSigned = (detail: string) =>
    awsException(
      'CertificateValidationException',
      `The certificate is not signed by a registered CA certificate (${detail}); register the CA with RegisterCACertificate first`,
    );
  const signedBy = async (caPem: string): Promise<boolean> => {
    try {
      return await verifyCertificateSignedBy(certificatePem, caPem);
    } catch (error) {
      throw pkiFailure(error, 'CertificateValidationException', 'caCertificatePem');
    }
  };
  if (caCertificatePem !== undefined) {
    let id: string;
    try {
      id = certificateId(caCertificatePem);
    } catch (error) {
      throw pkiFailure(error, 'CertificateValidationException', 'caCertificatePem');
    }
    const ca = ctx.registry.getCaCertificate(id);
    if (!ca) throw notSigned(`CA certificate ${id} is not registered`);
    if (!(await signedBy(ca.caCertificatePem)))
      throw notSigned(`not signed by CA certificate ${id}`);
    return ca;
  }
  let nextToken: string | undefined;
  do {
    const page = ctx.registry.listCaCertificates({
      maxResults: 250,
      ...(nextToken ? { nextToken } : {}),
    });
    for (const ca of page.items) {
      if (await signedBy(ca.caCertificatePem)) return ca;
    }
    nextToken = page.nextToken;
  } while (nextToken);
  throw notSigned('no registered CA certificate signed it');
}
