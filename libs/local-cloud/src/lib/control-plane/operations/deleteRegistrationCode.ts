import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';

/**
 * DeleteRegistrationCode: `DELETE /registrationcode` → `{}` (AWS API reference,
 * DeleteRegistrationCode). The next GetRegistrationCode creates a new code; CAs already registered
 * stay registered.
 */
export const deleteRegistrationCode = defineOperation({
  name: 'DeleteRegistrationCode',
  method: 'DELETE',
  path: '/registrationcode',
  input: z.object({}),
  run: (_input, ctx) => {
    ctx.registry.deleteRegistrationCode();
    return {};
  },
});
