import type { CloudContext } from '../context/CloudContext.js';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { awsException } from './awsException.js';
import { iotResourceArn } from './iotResourceArn.js';

/**
 * Runs `insert`, turning a duplicate certificate into AWS's ResourceAlreadyExistsException with the
 * existing certificate's id and ARN ("The certificate is already provisioned or registered").
 */
export function alreadyRegistered<T>(ctx: CloudContext, certificateId: string, insert: () => T): T {
  try {
    return insert();
  } catch (error) {
    if (error instanceof LocalCloudError && error.code === 'ALREADY_EXISTS') {
      throw awsException(
        'ResourceAlreadyExistsException',
        'The certificate is already provisioned or registered',
        { resourceId: certificateId, resourceArn: iotResourceArn(ctx, 'cert', certificateId) },
        { cause: error },
      );
    }
    throw error;
  }
}
