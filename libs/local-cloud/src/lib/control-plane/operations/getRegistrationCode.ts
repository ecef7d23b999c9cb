import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';

/**
 * GetRegistrationCode: `GET /registrationcode` → `{registrationCode}`. As AWS documents (API
 * reference, GetRegistrationCode): the code is created on the first call and every later call
 * answers the same one, until DeleteRegistrationCode. RegisterCACertificate in DEFAULT mode needs
 * a verification certificate whose subject CN is this code.
 */
export const getRegistrationCode = defineOperation({
  name: 'GetRegistrationCode',
  method: 'GET',
  path: '/registrationcode',
  input: z.object({}),
  run: (_input, ctx) => ({ registrationCode: ctx.registry.ensureRegistrationCode() }),
});
