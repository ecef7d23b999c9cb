import { FleetSetupError } from '../errors/FleetSetupError.js';

/**
 * Runs one AWS IoT API call and turns any failure into a `FleetSetupError` `AWS_ERROR` whose message
 * names the operation, the AWS error name and its message, e.g.
 * `AttachPolicy failed: ResourceNotFoundException: The policy "amr-claim" does not exist`.
 *
 * @param operation - the AWS API operation name, for the message.
 * @param call - e.g. `() => iot.send(new AttachPolicyCommand(...))`.
 * @throws {FleetSetupError} `AWS_ERROR` (the SDK error is the cause).
 */
export async function awsCall<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const described = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new FleetSetupError('AWS_ERROR', `${operation} failed: ${described}`, { cause: error });
  }
}
