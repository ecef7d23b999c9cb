import type { CliErrorCode } from './CliError.js';
import { EXIT_CODES } from './constants.js';

/** Exit code for a {@link CliErrorCode}. */
export function exitCodeFor(code: CliErrorCode): number {
  switch (code) {
    case 'USAGE':
      return EXIT_CODES.usage;
    case 'NOT_FOUND':
      return EXIT_CODES.notFound;
    case 'CHECK_FAILED':
      return EXIT_CODES.checkFailed;
    case 'ALREADY_EXISTS':
    case 'INVALID_INPUT':
    case 'CONFIG':
    case 'AWS_ERROR':
    case 'PARTIAL':
      return EXIT_CODES.failure;
  }
}
