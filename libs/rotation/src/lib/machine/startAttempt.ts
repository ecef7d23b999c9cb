import { type RotationConfig } from '../config/schemas.js';
import { type RotationCommon } from '../state/schemas.js';
import { slotName } from '../state/slotName.js';
import { clockTrustedFor } from './clockTrustedFor.js';
import { enterNeedsTechnician } from './enterNeedsTechnician.js';
import { inFlight } from './inFlight.js';
import { type Footing, type TransitionResult } from './types.js';

/**
 * Begins a renewal or recovery attempt in a fresh slot: key generation (CSR) or the claim connection
 * (CreateKeysAndCertificate). Does not touch the production connection. An expired claim certificate
 * (judged only on a trusted clock) goes straight to `needsTechnician`.
 */
export function startAttempt(
  common: RotationCommon,
  footing: Footing,
  now: number,
  config: RotationConfig,
): TransitionResult {
  if (clockTrustedFor(common, footing.current, now, config) && now >= common.claim.notAfter) {
    return enterNeedsTechnician(
      common,
      footing,
      { operation: 'connectClaim', reason: 'claimExpired', at: now },
      now,
      config,
      [],
    );
  }
  const slot = slotName(common.nextSlot);
  const next = { ...common, nextSlot: common.nextSlot + 1 };
  const deadline = now + config.stepTimeoutMs;
  switch (config.method) {
    case 'csr':
      return {
        state: inFlight(next, footing, { name: 'generatingKey', slot, deadline }),
        actions: [{ type: 'generateKey', slot }],
      };
    case 'createKeysAndCertificate':
      return {
        state: inFlight(next, footing, { name: 'connectingClaim', slot, deadline, issued: null }),
        actions: [{ type: 'connectClaim', slot, claimSlot: common.claim.slot }],
      };
  }
}
