/** The parts of a SigV4 credential `<AKID>/<yyyymmdd>/<region>/<service>/aws4_request`. */
export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

/** Splits a SigV4 credential string, or returns `undefined` when it does not have the five parts. */
export function parseCredentialScope(value: string): CredentialScope | undefined {
  const parts = value.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request') return undefined;
  const [accessKeyId = '', date = '', region = '', service = ''] = parts;
  if (accessKeyId === '' || !/^\d{8}$/.test(date) || region === '' || service === '')
    return undefined;
  return { accessKeyId, date, region, service };
}
