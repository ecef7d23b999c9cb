/**
 * Why a command failed; each code maps to one exit code (see {@link exitCodeFor}).
 * `USAGE`: bad arguments. `NOT_FOUND`: a thing, certificate, policy or file that does not exist.
 * `CHECK_FAILED`: a check answered "no" (doctor, policy check). `ALREADY_EXISTS`: a bundle or file
 * that would be overwritten. `INVALID_INPUT`: bad CSV rows, bad files. `CONFIG`: the target (local
 * cloud or AWS account) cannot be used. `AWS_ERROR`: an AWS API call failed. `PARTIAL`: some items
 * of a batch failed.
 */
export type CliErrorCode =
  | 'USAGE'
  | 'NOT_FOUND'
  | 'CHECK_FAILED'
  | 'ALREADY_EXISTS'
  | 'INVALID_INPUT'
  | 'CONFIG'
  | 'AWS_ERROR'
  | 'PARTIAL';

/** The one error class of amrctl: its message is the single line the user sees. */
export class CliError extends Error {
  override readonly name = 'CliError' as const;
  readonly code: CliErrorCode;

  constructor(code: CliErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
