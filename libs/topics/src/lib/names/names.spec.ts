import { TopicError } from '../errors/TopicError.js';
import { assertCertificateId } from './assertCertificateId.js';
import { assertClientId } from './assertClientId.js';
import { assertCommandName } from './assertCommandName.js';
import { assertShadowName } from './assertShadowName.js';
import { assertTemplateName } from './assertTemplateName.js';
import { assertThingName } from './assertThingName.js';
import { isCertificateId } from './isCertificateId.js';
import { isClientId } from './isClientId.js';
import { isCommandName } from './isCommandName.js';
import { isShadowName } from './isShadowName.js';
import { isTemplateName } from './isTemplateName.js';
import { isThingName } from './isThingName.js';
import {
  CertificateIdSchema,
  ClientIdSchema,
  CommandNameSchema,
  ShadowNameSchema,
  TemplateNameSchema,
  ThingNameSchema,
} from './schemas.js';

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

const CERT_ID = 'a'.repeat(64);

describe('thing names', () => {
  it.each(['AMR-001', 'a', 'x:y_z-0', 'A'.repeat(128)])('accepts %j', (name) => {
    expect(isThingName(name)).toBe(true);
    expect(() => assertThingName(name)).not.toThrow();
    expect(ThingNameSchema.safeParse(name).success).toBe(true);
  });

  it.each(['', 'a/b', 'a b', 'a.b', 'a#', 'a+', '$aws', 'ロボット', 'A'.repeat(129)])(
    'refuses %j',
    (name) => {
      expect(isThingName(name)).toBe(false);
      expect(ThingNameSchema.safeParse(name).success).toBe(false);
      const error = caught(() => assertThingName(name));
      expect(error).toBeInstanceOf(TopicError);
      expect(error).toMatchObject({ name: 'TopicError', code: 'INVALID_THING_NAME' });
      expect((error as TopicError).message).toContain('expected [a-zA-Z0-9:_-]{1,128}');
    },
  );

  it('names the value received and the rule expected', () => {
    expect(caught(() => assertThingName('a/b'))).toMatchObject({
      message: 'Unexpected thing name "a/b", expected [a-zA-Z0-9:_-]{1,128}',
    });
  });

  it('describes non-string values by type', () => {
    expect(isThingName(42)).toBe(false);
    expect(caught(() => assertThingName(42))).toMatchObject({
      message: 'Unexpected thing name number 42, expected [a-zA-Z0-9:_-]{1,128}',
    });
    expect(caught(() => assertThingName(undefined))).toMatchObject({
      message: 'Unexpected thing name undefined, expected [a-zA-Z0-9:_-]{1,128}',
    });
    expect(caught(() => assertThingName(null))).toMatchObject({
      message: 'Unexpected thing name null, expected [a-zA-Z0-9:_-]{1,128}',
    });
    expect(caught(() => assertThingName({}))).toMatchObject({
      message: 'Unexpected thing name an object, expected [a-zA-Z0-9:_-]{1,128}',
    });
  });

  it('cuts long values in messages and gives their byte length', () => {
    const error = caught(() => assertThingName('A'.repeat(200))) as TopicError;
    expect(error.message).toBe(
      `Unexpected thing name "${'A'.repeat(80)}…" (200 bytes), expected [a-zA-Z0-9:_-]{1,128}`,
    );
  });
});

describe('shadow names', () => {
  it.each(['robot', 'a', 'x:y_z-0', 'r'.repeat(64)])('accepts %j', (name) => {
    expect(isShadowName(name)).toBe(true);
    expect(() => assertShadowName(name)).not.toThrow();
    expect(ShadowNameSchema.safeParse(name).success).toBe(true);
  });

  it.each(['', 'r'.repeat(65), 'a/b', '$package', 'ロボ', 'a b', '+', '#'])(
    'refuses %j',
    (name) => {
      expect(isShadowName(name)).toBe(false);
      expect(ShadowNameSchema.safeParse(name).success).toBe(false);
      expect(caught(() => assertShadowName(name))).toMatchObject({
        code: 'INVALID_SHADOW_NAME',
        message: `Unexpected shadow name ${JSON.stringify(name)}, expected [a-zA-Z0-9:_-]{1,64}`,
      });
    },
  );
});

describe('client ids', () => {
  it.each(['AMR-001', 'ap-northeast-1:0b7e-4f2a-1', 'a/b', 'ロボット', 'x'.repeat(128)])(
    'accepts %j',
    (id) => {
      expect(isClientId(id)).toBe(true);
      expect(() => assertClientId(id)).not.toThrow();
      expect(ClientIdSchema.safeParse(id).success).toBe(true);
    },
  );

  it('counts UTF-8 bytes, not characters: 42 Japanese characters fit, 43 do not', () => {
    const fits = 'ロ'.repeat(42); // 126 bytes
    const tooLong = 'ロ'.repeat(43); // 129 bytes
    expect(isClientId(fits)).toBe(true);
    expect(isClientId(tooLong)).toBe(false);
    expect(caught(() => assertClientId(tooLong))).toMatchObject({
      code: 'INVALID_CLIENT_ID',
      message: `Unexpected client id "${tooLong}", expected at most 128 bytes of UTF-8, got 129 bytes`,
    });
    expect(ClientIdSchema.safeParse(tooLong).error?.issues[0]?.message).toBe(
      'Expected a client id of at most 128 bytes of UTF-8, got 129 bytes',
    );
  });

  it.each([
    ['', 'at least 1 byte'],
    ['a#', 'no "#" or "+"'],
    ['a+b', 'no "#" or "+"'],
    ['a\u0000b', 'no NUL character (U+0000)'],
    ['a\uD800b', 'well-formed UTF-8 (no unpaired surrogate)'],
    ['x'.repeat(129), 'at most 128 bytes of UTF-8, got 129 bytes'],
  ])('refuses %j', (id, expected) => {
    expect(isClientId(id)).toBe(false);
    expect(ClientIdSchema.safeParse(id).success).toBe(false);
    const error = caught(() => assertClientId(id)) as TopicError;
    expect(error.code).toBe('INVALID_CLIENT_ID');
    expect(error.message).toMatch(/^Unexpected client id /);
    expect(error.message).toContain(`expected ${expected}`);
  });

  it('refuses non-strings', () => {
    expect(isClientId(7)).toBe(false);
    expect(caught(() => assertClientId(7))).toMatchObject({
      code: 'INVALID_CLIENT_ID',
      message: 'Unexpected client id number 7, expected a string',
    });
  });
});

describe('provisioning template names', () => {
  it.each(['AmrRotation', 'amr_rotation-1', 'a', 'T'.repeat(36)])('accepts %j', (name) => {
    expect(isTemplateName(name)).toBe(true);
    expect(() => assertTemplateName(name)).not.toThrow();
    expect(TemplateNameSchema.safeParse(name).success).toBe(true);
  });

  it.each(['', 'T'.repeat(37), 'a:b', 'a/b', 'a b', '+'])('refuses %j', (name) => {
    expect(isTemplateName(name)).toBe(false);
    expect(TemplateNameSchema.safeParse(name).success).toBe(false);
    expect(caught(() => assertTemplateName(name))).toMatchObject({
      code: 'INVALID_TEMPLATE_NAME',
      message: `Unexpected provisioning template name ${JSON.stringify(name)}, expected [0-9A-Za-z_-]{1,36}`,
    });
  });
});

describe('command names', () => {
  it.each(['call', 'go-home', 'x', 'a1', `a${'b'.repeat(31)}`])('accepts %j', (name) => {
    expect(isCommandName(name)).toBe(true);
    expect(() => assertCommandName(name)).not.toThrow();
    expect(CommandNameSchema.safeParse(name).success).toBe(true);
  });

  it.each(['', 'Call', '1call', '-call', 'go_home', 'a/b', '+', `a${'b'.repeat(32)}`])(
    'refuses %j',
    (name) => {
      expect(isCommandName(name)).toBe(false);
      expect(CommandNameSchema.safeParse(name).success).toBe(false);
      expect(caught(() => assertCommandName(name))).toMatchObject({
        code: 'INVALID_COMMAND',
        message: `Unexpected command name ${JSON.stringify(name)}, expected [a-z][a-z0-9-]{0,31}`,
      });
    },
  );
});

describe('certificate ids', () => {
  it('accepts 64 lowercase hex characters', () => {
    expect(isCertificateId(CERT_ID)).toBe(true);
    expect(() => assertCertificateId(CERT_ID)).not.toThrow();
    expect(CertificateIdSchema.safeParse(CERT_ID).success).toBe(true);
  });

  it.each(['A'.repeat(64), 'a'.repeat(63), 'a'.repeat(65), 'g'.repeat(64), ''])(
    'refuses %j',
    (id) => {
      expect(isCertificateId(id)).toBe(false);
      expect(CertificateIdSchema.safeParse(id).success).toBe(false);
      expect(caught(() => assertCertificateId(id))).toMatchObject({
        code: 'INVALID_CERTIFICATE_ID',
      });
      expect((caught(() => assertCertificateId(id)) as TopicError).message).toContain(
        'expected 64 lowercase hex characters',
      );
    },
  );
});
