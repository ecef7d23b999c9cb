import {
  GetRegistrationCodeCommand,
  RegisterCACertificateCommand,
  type IoTClient,
  type RegistrationConfig,
} from '@aws-sdk/client-iot';
import type { CertificateAuthority } from '@iot-gateway-net/pki';
import { issueTestCertificate } from './issueTestCertificate.js';

/**
 * Registers `ca` ACTIVE with auto-registration on (RegisterCACertificate with a verification
 * certificate `ca` issues from `now` for the account's GetRegistrationCode as subject CN, as AWS
 * requires), with `registrationConfig` for JITP. Without one the CA is a JITR CA.
 *
 * @throws what the SDK throws when the control plane refuses the CA.
 */
export async function registerTestCa(
  iot: IoTClient,
  ca: CertificateAuthority,
  now: Date,
  registrationConfig?: RegistrationConfig,
): Promise<void> {
  const { registrationCode } = await iot.send(new GetRegistrationCodeCommand({}));
  const verification = await issueTestCertificate(ca, registrationCode ?? '', { now });
  await iot.send(
    new RegisterCACertificateCommand({
      caCertificate: ca.certificatePem,
      verificationCertificate: verification.certificatePem,
      setAsActive: true,
      allowAutoRegistration: true,
      ...(registrationConfig === undefined ? {} : { registrationConfig }),
    }),
  );
}
