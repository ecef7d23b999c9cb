import { type Operation } from '../event/schemas.js';
import { type RotationStep } from '../state/schemas.js';

/** The operation a step waits on; its failure (or its deadline) fails the step. */
export function operationOf(step: RotationStep): Operation {
  switch (step.name) {
    case 'generatingKey':
      return 'generateKey';
    case 'connectingClaim':
      return 'connectClaim';
    case 'requestingCertificate':
      return 'requestCertificate';
    case 'registeringThing':
      return 'registerThing';
    case 'switching':
      return 'connectProduction';
    case 'committing':
      return 'publishCommit';
  }
}
