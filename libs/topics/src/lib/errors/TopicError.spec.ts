import { TopicError } from './TopicError.js';

describe('TopicError', () => {
  it('carries a literal name, its code, message and cause', () => {
    const cause = new Error('inner');
    const error = new TopicError(
      'INVALID_TOPIC',
      'Unexpected topic "", expected at least 1 character',
      {
        cause,
      },
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(TopicError);
    expect(error.name).toBe('TopicError');
    expect(error.code).toBe('INVALID_TOPIC');
    expect(error.message).toBe('Unexpected topic "", expected at least 1 character');
    expect(error.cause).toBe(cause);
    expect(String(error)).toBe('TopicError: Unexpected topic "", expected at least 1 character');
  });

  it('works without a cause', () => {
    expect(new TopicError('INVALID_PAYLOAD', 'x').cause).toBeUndefined();
  });
});
