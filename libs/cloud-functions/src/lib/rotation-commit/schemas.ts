import type { RotationCommitAccepted, RotationCommitRejected } from '@iot-gateway-net/topics';

/**
 * Why a rotation commit was refused, in `RotationCommitRejected.code`:
 * - `INVALID_REQUEST`: the payload is not a `RotationCommitRequest`.
 * - `WRONG_CLIENT_ID`: the publishing connection's client id is not the thing named by the topic.
 * - `WRONG_PRINCIPAL`: `newCertificateId` is not the certificate the connection uses.
 * - `NEW_NOT_ACTIVE`: the publishing certificate is unknown or not ACTIVE.
 * - `NOT_ATTACHED`: the publishing certificate is not attached to the thing.
 * - `OLD_NOT_FOUND`: no certificate `oldCertificateId` exists.
 * - `OLD_NOT_ATTACHED`: the old certificate belongs to another thing, or is still active but
 *   attached to no thing.
 * - `NOT_NEWER`: the publishing certificate was not created after the old one.
 * - `INTERNAL`: a control-plane call failed; the device may retry (the handler is idempotent).
 */
export type RotationCommitRejectCode =
  | 'INVALID_REQUEST'
  | 'WRONG_CLIENT_ID'
  | 'WRONG_PRINCIPAL'
  | 'NEW_NOT_ACTIVE'
  | 'NOT_ATTACHED'
  | 'OLD_NOT_FOUND'
  | 'OLD_NOT_ATTACHED'
  | 'NOT_NEWER'
  | 'INTERNAL';

/** The answer of the rotation-commit handler: publish `payload` on `topic` (QoS 1). */
export type RotationCommitAnswer =
  | {
      readonly outcome: 'accepted';
      readonly topic: string;
      readonly payload: RotationCommitAccepted;
    }
  | {
      readonly outcome: 'rejected';
      readonly topic: string;
      readonly payload: RotationCommitRejected & { readonly code: RotationCommitRejectCode };
    };
