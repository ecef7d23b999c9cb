import { FleetSetupError } from '../errors/FleetSetupError.js';
import { awsCall } from './awsCall.js';
import { awsErrorName } from './awsErrorName.js';

class ResourceNotFoundException extends Error {
  override readonly name = 'ResourceNotFoundException';
}

describe('awsCall', () => {
  it('passes the answer through', async () => {
    await expect(awsCall('GetPolicy', () => Promise.resolve({ policyName: 'p' }))).resolves.toEqual(
      { policyName: 'p' },
    );
  });

  it('wraps a failure as AWS_ERROR with the operation, AWS error name and message', async () => {
    const cause = new ResourceNotFoundException('The policy "p" does not exist');
    const error = await awsCall('GetPolicy', () => Promise.reject(cause)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FleetSetupError);
    expect(error).toMatchObject({
      code: 'AWS_ERROR',
      message: 'GetPolicy failed: ResourceNotFoundException: The policy "p" does not exist',
      cause,
    });
    expect(awsErrorName(error)).toBe('ResourceNotFoundException');
  });

  it('gives no AWS error name for other errors', () => {
    expect(awsErrorName(new Error('x'))).toBeUndefined();
    expect(awsErrorName(new FleetSetupError('IO', 'x'))).toBeUndefined();
  });
});
