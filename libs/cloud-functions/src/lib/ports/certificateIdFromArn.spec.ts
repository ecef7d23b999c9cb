import { certificateIdFromArn } from './certificateIdFromArn.js';

describe('certificateIdFromArn', () => {
  it('reads the id of a certificate ARN', () => {
    const id = 'a1'.repeat(32);
    expect(certificateIdFromArn(`arn:aws:iot:ap-northeast-1:123456789012:cert/${id}`)).toBe(id);
  });

  it.each([
    'arn:aws:iot:ap-northeast-1:123456789012:thing/amr-001',
    'ap-northeast-1:0f8b-cognito-identity',
    `arn:aws:iot:ap-northeast-1:123456789012:cert/${'A'.repeat(64)}`,
  ])('answers undefined for %s', (arn) => {
    expect(certificateIdFromArn(arn)).toBeUndefined();
  });
});
