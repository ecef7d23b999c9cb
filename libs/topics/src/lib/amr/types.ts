/** An application topic of design 3.4, as {@link parseAmrTopic} reads it. */
export type AmrTopic =
  | { kind: 'command'; thingName: string; command: string }
  | { kind: 'commandAck'; thingName: string; command: string }
  | { kind: 'status'; thingName: string }
  | { kind: 'heartbeat'; thingName: string }
  | { kind: 'rotationCommit'; thingName: string }
  | { kind: 'rotationCommitAccepted'; thingName: string }
  | { kind: 'rotationCommitRejected'; thingName: string };

/** The `kind` of an {@link AmrTopic}. */
export type AmrTopicKind = AmrTopic['kind'];
