import { z } from 'zod';
import { clientIdProblem } from '../internal/clientIdProblem.js';
import {
  CERTIFICATE_ID_PATTERN,
  COMMAND_NAME_PATTERN,
  SHADOW_NAME_PATTERN,
  TEMPLATE_NAME_PATTERN,
  THING_NAME_PATTERN,
} from './patterns.js';

/** A thing name: `[a-zA-Z0-9:_-]{1,128}`. */
export const ThingNameSchema = z
  .string()
  .regex(THING_NAME_PATTERN, { error: 'Expected a thing name [a-zA-Z0-9:_-]{1,128}' });

/** A named shadow name: `[a-zA-Z0-9:_-]{1,64}`. */
export const ShadowNameSchema = z
  .string()
  .regex(SHADOW_NAME_PATTERN, { error: 'Expected a shadow name [a-zA-Z0-9:_-]{1,64}' });

/** An MQTT client id: 1 to 128 bytes of UTF-8 without NUL, `#` or `+`. */
export const ClientIdSchema = z.string().check((ctx) => {
  const problem = clientIdProblem(ctx.value);
  if (problem !== undefined) {
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      message: `Expected a client id of ${problem}`,
    });
  }
});

/** A provisioning template name: `[0-9A-Za-z_-]{1,36}`. */
export const TemplateNameSchema = z.string().regex(TEMPLATE_NAME_PATTERN, {
  error: 'Expected a provisioning template name [0-9A-Za-z_-]{1,36}',
});

/** A command name of `amr/<thing>/cmd/<command>`: `[a-z][a-z0-9-]{0,31}`. */
export const CommandNameSchema = z
  .string()
  .regex(COMMAND_NAME_PATTERN, { error: 'Expected a command name [a-z][a-z0-9-]{0,31}' });

/** A certificate id: 64 lowercase hex characters. */
export const CertificateIdSchema = z.string().regex(CERTIFICATE_ID_PATTERN, {
  error: 'Expected a certificate id of 64 lowercase hex characters',
});
