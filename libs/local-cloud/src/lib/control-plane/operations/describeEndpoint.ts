import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';

/**
 * DescribeEndpoint: `GET /endpoint?endpointType=`. Every endpoint type (`iot:Data`,
 * `iot:Data-ATS`, `iot:CredentialProvider`, `iot:Jobs`) is the local cloud's one host name.
 */
export const describeEndpoint = defineOperation({
  name: 'DescribeEndpoint',
  method: 'GET',
  path: '/endpoint',
  input: z.object({
    query: z.object({
      endpointType: z
        .enum(['iot:Data', 'iot:Data-ATS', 'iot:CredentialProvider', 'iot:Jobs'], {
          error: 'one of iot:Data, iot:Data-ATS, iot:CredentialProvider, iot:Jobs',
        })
        .optional(),
    }),
  }),
  run: (_input, ctx) => ({ endpointAddress: ctx.endpointHost }),
});
