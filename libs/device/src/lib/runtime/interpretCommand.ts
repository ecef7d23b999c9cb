import { AmrCommandSchema, RequestIdSchema } from '@iot-gateway-net/topics';
import { ROBOT_COMMAND_NAMES, RobotCommandSchema, type RobotCommand } from '../robot/schemas.js';

/** What {@link interpretCommand} decided about one command message. */
export type CommandInterpretation =
  | { readonly kind: 'execute'; readonly command: RobotCommand }
  | {
      readonly kind: 'reject';
      /** The request id, when it could be read: the rejection is acknowledged only then. */
      readonly requestId?: string;
      readonly reason: string;
    };

const decoder = new TextDecoder('utf-8', { fatal: true });

function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .map(
      (issue) =>
        `${issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.')}: ${issue.message}`,
    )
    .join('; ');
}

function readJson(
  payload: Uint8Array,
): { ok: true; value: unknown } | { ok: false; reason: string } {
  let text: string;
  try {
    text = decoder.decode(payload);
  } catch {
    return {
      ok: false,
      reason: `expected UTF-8 JSON, received ${payload.byteLength} bytes that are not UTF-8`,
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: `expected JSON, received ${JSON.stringify(text.slice(0, 40))}` };
  }
}

function readRequestId(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const parsed = RequestIdSchema.safeParse((value as { requestId?: unknown }).requestId);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Reads one message of `amr/<thing>/cmd/<name>`: an `AmrCommand` payload whose `args` fit the
 * named command of the documented set (`call`, `stop`, `charge`, `resume`). Never throws: any
 * problem becomes a `reject` with a reason that names what was received and what was expected,
 * and the request id when the payload had a readable one.
 *
 * @param maxBytes payloads larger than this are rejected (their request id is still read).
 * @param maxAgeMs with `now`, commands issued longer ago are rejected as expired.
 */
export function interpretCommand(
  name: string,
  payload: Uint8Array,
  options: { maxBytes: number; now: number; maxAgeMs?: number },
): CommandInterpretation {
  const json = readJson(payload);
  const requestId = json.ok ? readRequestId(json.value) : undefined;
  const reject = (reason: string): CommandInterpretation =>
    requestId === undefined ? { kind: 'reject', reason } : { kind: 'reject', requestId, reason };

  // The size is the first reason even when the payload is not JSON either.
  if (payload.byteLength > options.maxBytes) {
    return reject(
      `Unexpected ${name} command payload of ${payload.byteLength} bytes, expected at most ${options.maxBytes}`,
    );
  }
  if (!json.ok) return reject(`Unexpected ${name} command payload: ${json.reason}`);
  const envelope = AmrCommandSchema.safeParse(json.value);
  if (!envelope.success) {
    return reject(`Unexpected ${name} command payload: ${describeIssues(envelope.error.issues)}`);
  }
  if (!(ROBOT_COMMAND_NAMES as readonly string[]).includes(name)) {
    return reject(
      `Unknown command ${JSON.stringify(name)}, expected one of ${ROBOT_COMMAND_NAMES.join(', ')}`,
    );
  }
  const { issuedAt } = envelope.data;
  if (options.maxAgeMs !== undefined && options.now - issuedAt > options.maxAgeMs) {
    return reject(
      `Expired ${name} command: issued ${options.now - issuedAt} ms ago, expected at most ${options.maxAgeMs} ms`,
    );
  }
  const command = RobotCommandSchema.safeParse({
    name,
    requestId: envelope.data.requestId,
    args: envelope.data.args,
  });
  if (!command.success) {
    return reject(`Unexpected ${name} command args: ${describeIssues(command.error.issues)}`);
  }
  return { kind: 'execute', command: command.data };
}
