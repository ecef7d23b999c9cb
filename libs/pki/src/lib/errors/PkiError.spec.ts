import { PkiError } from './PkiError.js';

describe('PkiError', () => {
  it('carries a literal name, a code and a cause', () => {
    const cause = new Error('inner');
    const error = new PkiError('MALFORMED_PEM', 'No PEM block found', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('PkiError');
    expect(error.code).toBe('MALFORMED_PEM');
    expect(error.message).toBe('No PEM block found');
    expect(error.cause).toBe(cause);
  });
});
