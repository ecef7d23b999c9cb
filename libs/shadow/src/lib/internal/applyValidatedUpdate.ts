import {
  AWS_IOT_LIMITS,
  type ShadowDelta,
  type ShadowDocuments,
  type ShadowError as ShadowErrorPayload,
  type ShadowMetadata,
  type ShadowUpdateAccepted,
  type ShadowUpdateRequest,
} from '@iot-gateway-net/topics';
import type {
  JsonObject,
  ShadowSection,
  ShadowSectionMetadata,
  StoredShadow,
} from '../document/schemas.js';
import { computeDelta } from '../delta/computeDelta.js';
import { ShadowError } from '../errors/ShadowError.js';
import { epochSeconds } from './epochSeconds.js';
import { liveVersion } from './liveVersion.js';
import { mergeSection } from './mergeSection.js';
import { mergeSectionMetadata } from './mergeSectionMetadata.js';
import { metadataOf } from './metadataOf.js';
import { sectionBytes } from './sectionBytes.js';
import { snapshotOf } from './snapshotOf.js';

/** Options of an update: the clock and the stored-size limit. */
export interface UpdateOptions {
  /** Epoch milliseconds of the update; timestamps in the answers are its epoch seconds. */
  now: number;
  /**
   * Largest stored `desired` + `reported`, in UTF-8 bytes of compact JSON (metadata excluded).
   * Defaults to `AWS_IOT_LIMITS.shadowDocumentBytes` (8 KiB).
   */
  maxDocumentBytes?: number;
}

/** What an update returns: the new stored shadow and the messages AWS publishes, or the error. */
export type UpdateResult =
  | {
      ok: true;
      /** The shadow to store. */
      next: StoredShadow;
      /** Payload of `update/accepted` (also the UpdateThingShadow response body). */
      accepted: ShadowUpdateAccepted;
      /** Payload of `update/delta`, when desired and reported differ after the update. */
      delta?: ShadowDelta;
      /** Payload of `update/documents`. */
      documents: ShadowDocuments;
    }
  | { ok: false; error: ShadowErrorPayload };

/**
 * Applies an update request that already passed `validateUpdateDocument`. See `applyUpdate` for
 * the behaviour and its AWS sources.
 */
export function applyValidatedUpdate(
  current: StoredShadow | undefined,
  request: ShadowUpdateRequest,
  options: UpdateOptions,
): UpdateResult {
  const timestamp = epochSeconds(options.now);
  const { clientToken } = request;
  const echo = clientToken === undefined ? {} : { clientToken };
  const baseVersion = liveVersion(current, timestamp);
  if (request.version !== undefined && request.version !== baseVersion) {
    return {
      ok: false,
      error: ShadowError.versionConflict(request.version, baseVersion, echo).toPayload({
        now: options.now,
      }),
    };
  }

  const live = current !== undefined && current.deletedAt === undefined ? current : undefined;
  let desired = live?.state.desired;
  let reported = live?.state.reported;
  let desiredMetadata = live?.metadata.desired;
  let reportedMetadata = live?.metadata.reported;
  const state = request.state;
  if (state === null) {
    desired = reported = desiredMetadata = reportedMetadata = undefined;
  } else {
    if (state.desired !== undefined) {
      [desired, desiredMetadata] = mergeWithMetadata(
        desired,
        desiredMetadata,
        state.desired,
        timestamp,
      );
    }
    if (state.reported !== undefined) {
      [reported, reportedMetadata] = mergeWithMetadata(
        reported,
        reportedMetadata,
        state.reported,
        timestamp,
      );
    }
  }

  const maxBytes = options.maxDocumentBytes ?? AWS_IOT_LIMITS.shadowDocumentBytes;
  const bytes = sectionBytes(desired) + sectionBytes(reported);
  if (bytes > maxBytes) {
    // AWS answers 413 when the merged document outgrows the limit, however small the request.
    return {
      ok: false,
      error: ShadowError.payloadTooLarge('shadow document', bytes, maxBytes, echo).toPayload({
        now: options.now,
      }),
    };
  }

  const next: StoredShadow = {
    state: {
      ...(desired === undefined ? {} : { desired }),
      ...(reported === undefined ? {} : { reported }),
    },
    metadata: {
      ...(desiredMetadata === undefined ? {} : { desired: desiredMetadata }),
      ...(reportedMetadata === undefined ? {} : { reported: reportedMetadata }),
    },
    version: baseVersion + 1,
  };

  const accepted: ShadowUpdateAccepted = {
    state,
    metadata: acceptedMetadata(state, timestamp),
    version: next.version,
    timestamp,
    ...echo,
  };

  const difference = computeDelta(desired, reported, desiredMetadata);
  const delta: ShadowDelta | undefined =
    difference === undefined
      ? undefined
      : { ...difference, version: next.version, timestamp, ...echo };

  const documents: ShadowDocuments = {
    ...(live === undefined ? {} : { previous: snapshotOf(live) }),
    current: snapshotOf(next),
    timestamp,
    ...echo,
  };

  return delta === undefined
    ? { ok: true, next, accepted, documents }
    : { ok: true, next, accepted, delta, documents };
}

/** Metadata of `update/accepted`: the request's sections stamped leaf by leaf. */
function acceptedMetadata(state: ShadowUpdateRequest['state'], timestamp: number): ShadowMetadata {
  if (state === null) {
    // AWS answers `{"state":null}` with `"metadata":{"timestamp":…}`.
    return { timestamp };
  }
  return {
    ...(state.desired === undefined ? {} : { desired: metadataOf(state.desired, timestamp) }),
    ...(state.reported === undefined ? {} : { reported: metadataOf(state.reported, timestamp) }),
  };
}

function mergeWithMetadata(
  section: ShadowSection | undefined,
  metadata: ShadowSectionMetadata | undefined,
  patch: JsonObject | null,
  timestamp: number,
): [ShadowSection | undefined, ShadowSectionMetadata | undefined] {
  if (patch === null) {
    return [undefined, undefined];
  }
  const merged = mergeSection(section, patch);
  if (merged === undefined) {
    return [undefined, undefined];
  }
  return [merged, mergeSectionMetadata(section, merged, metadata, patch, timestamp)];
}
