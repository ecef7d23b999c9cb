import { certificateValidity } from '@iot-gateway-net/pki/device';
import type { Credential } from '@iot-gateway-net/rotation';
import type { CredentialStore } from './types.js';

/**
 * The newest readable production credential among the slots on disk (latest `notBefore`), for a
 * start without a usable rotation state; `undefined` when there is none. A credential it picks
 * that the cloud no longer accepts is refused at CONNACK, and the rotation machine recovers by
 * claim.
 */
export async function findProductionCredential(
  store: CredentialStore,
): Promise<Credential | undefined> {
  let best: Credential | undefined;
  for (const slot of await store.listSlots()) {
    try {
      const { certificatePem } = await store.readCredential(slot);
      const parsed = certificateValidity(certificatePem);
      const candidate: Credential = {
        certificateId: parsed.certificateId,
        notBefore: parsed.notBefore.getTime(),
        notAfter: parsed.notAfter.getTime(),
        slot,
      };
      if (best === undefined || candidate.notBefore > best.notBefore) best = candidate;
    } catch {
      // An incomplete slot (key without certificate) is an abandoned attempt: swept later.
    }
  }
  return best;
}
