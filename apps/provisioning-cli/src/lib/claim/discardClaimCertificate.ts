import {
  DeleteCertificateCommand,
  DetachPolicyCommand,
  UpdateCertificateCommand,
  type IoTClient,
} from '@aws-sdk/client-iot';

/**
 * Undoes a claim certificate that was registered but never handed out (its files could not be
 * written): detaches its policy, deactivates and deletes it, so nothing half-made stays usable.
 * Best effort: failures are ignored, the caller reports the original error.
 */
export async function discardClaimCertificate(
  iot: IoTClient,
  certificate: { readonly certificateId: string; readonly certificateArn: string },
  claimPolicyName: string,
): Promise<void> {
  const { certificateId, certificateArn } = certificate;
  const attempt = async (step: () => Promise<unknown>): Promise<void> => {
    try {
      await step();
    } catch {
      // Best effort; see above.
    }
  };
  await attempt(() =>
    iot.send(new DetachPolicyCommand({ policyName: claimPolicyName, target: certificateArn })),
  );
  await attempt(() =>
    iot.send(new UpdateCertificateCommand({ certificateId, newStatus: 'INACTIVE' })),
  );
  await attempt(() => iot.send(new DeleteCertificateCommand({ certificateId })));
}
