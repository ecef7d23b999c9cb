/**
 * amrctl's documented exit codes: 0 success; 1 failure (AWS error, unreachable endpoint, missing
 * credentials, refused overwrite, some rows of a batch failed); 2 bad usage; 3 not found;
 * 4 a check answered "no" (`doctor` found a failure, `policy check` denied).
 */
export const EXIT_CODES = {
  ok: 0,
  failure: 1,
  usage: 2,
  notFound: 3,
  checkFailed: 4,
} as const;
