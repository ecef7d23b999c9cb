import { verifyCertificateSignedBy } from '@iot-gateway-net/pki';
import { z } from 'zod';
import { LocalCloudError } from '../../errors/LocalCloudError.js';
import { checkRegistrationConfig } from '../../jitp/checkRegistrationConfig.js';
import { RegistrationConfigSchema } from '../../jitp/schemas.js';
import { awsException } from '../awsException.js';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { parseCertificatePem } from '../parseCertificatePem.js';
import { pkiFailure } from '../pkiFailure.js';
import { QueryBooleanSchema } from '../schemas.js';

/**
 * RegisterCACertificate: `POST /cacertificate?setAsActive=&allowAutoRegistration=` with body
 * `{caCertificate, verificationCertificate?, registrationConfig?, certificateMode?, tags?}`, as
 * `@aws-sdk/client-iot` sends it. As AWS documents (API reference, RegisterCACertificate;
 * Developer Guide, "Register a CA certificate"): in DEFAULT mode (the default) a
 * `verificationCertificate` signed by the CA whose subject CN is the account's registration code
 * (GetRegistrationCode) proves possession of the CA's key — CertificateValidationException when it
 * is not signed by the CA, RegistrationCodeValidationException when its CN is not the code; in
 * SNI_ONLY mode no verification certificate is needed and it must be absent. The CA must carry
 * `basicConstraints cA=TRUE`. `allowAutoRegistration` turns on JITR, and with a
 * `registrationConfig` template JITP (checked by `checkRegistrationConfig`); tags are accepted and
 * not kept.
 */
export const registerCACertificate = defineOperation({
  name: 'RegisterCACertificate',
  method: 'POST',
  path: '/cacertificate',
  input: z.object({
    query: z.object({
      setAsActive: QueryBooleanSchema.optional(),
      allowAutoRegistration: QueryBooleanSchema.optional(),
    }),
    body: z.object({
      caCertificate: z.string({ error: 'a PEM CA certificate' }).min(1).max(65536),
      verificationCertificate: z.string().min(1).max(65536).optional(),
      registrationConfig: RegistrationConfigSchema.optional(),
      certificateMode: z.enum(['DEFAULT', 'SNI_ONLY']).optional(),
    }),
  }),
  run: async (input, ctx) => {
    const { caCertificate, verificationCertificate, registrationConfig } = input.body;
    const mode = input.body.certificateMode ?? 'DEFAULT';
    if (registrationConfig !== undefined) checkRegistrationConfig(registrationConfig);
    const parsed = parseCertificatePem(caCertificate, 'caCertificate', ctx.clock.now());
    if (!parsed.isCa) {
      throw awsException(
        'CertificateValidationException',
        'Unexpected caCertificate without basicConstraints cA=TRUE, expected a CA certificate',
      );
    }
    if (mode === 'SNI_ONLY' && verificationCertificate !== undefined) {
      throw new LocalCloudError(
        'INVALID_REQUEST',
        'Unexpected verificationCertificate with certificateMode SNI_ONLY, expected none',
      );
    }
    if (mode === 'DEFAULT') {
      if (verificationCertificate === undefined) {
        throw new LocalCloudError(
          'INVALID_REQUEST',
          'Missing verificationCertificate, expected one signed by the CA when certificateMode is DEFAULT',
        );
      }
      let signed: boolean;
      try {
        signed = await verifyCertificateSignedBy(verificationCertificate, caCertificate);
      } catch (error) {
        throw pkiFailure(error, 'CertificateValidationException', 'verificationCertificate');
      }
      if (!signed) {
        throw awsException(
          'CertificateValidationException',
          'Unexpected verificationCertificate: it is not signed by caCertificate',
        );
      }
      const verification = parseCertificatePem(
        verificationCertificate,
        'verificationCertificate',
        ctx.clock.now(),
      );
      const code = ctx.registry.getRegistrationCode();
      if (code === undefined || verification.commonName !== code) {
        throw awsException(
          'RegistrationCodeValidationException',
          code === undefined
            ? 'Unexpected verificationCertificate: the account has no registration code, expected GetRegistrationCode first and the code as the subject CN'
            : `Unexpected verificationCertificate subject CN ${JSON.stringify(verification.commonName ?? '')}, expected the registration code "${code}" (GetRegistrationCode)`,
        );
      }
    }
    try {
      const record = ctx.registry.insertCaCertificate({
        caCertificateId: parsed.certificateId,
        caCertificateArn: iotResourceArn(ctx, 'cacert', parsed.certificateId),
        caCertificatePem: caCertificate,
        status: input.query.setAsActive ? 'ACTIVE' : 'INACTIVE',
        autoRegistrationStatus: input.query.allowAutoRegistration ? 'ENABLE' : 'DISABLE',
        ...(registrationConfig === undefined ? {} : { registrationConfig }),
        certificateMode: mode,
        creationDate: ctx.clock.now(),
      });
      return { certificateArn: record.caCertificateArn, certificateId: record.caCertificateId };
    } catch (error) {
      if (error instanceof LocalCloudError && error.code === 'ALREADY_EXISTS') {
        throw awsException(
          'ResourceAlreadyExistsException',
          'The CA certificate is already registered',
          {
            resourceId: parsed.certificateId,
            resourceArn: iotResourceArn(ctx, 'cacert', parsed.certificateId),
          },
        );
      }
      throw error;
    }
  },
});
