import type { RotationEvent } from '@iot-gateway-net/rotation';

/** A rotation event without its envelope (`now`, `random`), which the driver stamps. */
export type EventBody = RotationEvent extends infer E
  ? E extends RotationEvent
    ? Omit<E, 'now' | 'random'>
    : never
  : never;

/** How a rotation commit ended, as the rotation machine's `operationFailed` needs it. */
export type CommitOutcome =
  | { readonly kind: 'accepted' }
  | {
      readonly kind: 'failed';
      readonly reason: 'rejected' | 'timeout' | 'connectionLost' | 'error';
      readonly errorCode?: string;
      readonly message: string;
    };
