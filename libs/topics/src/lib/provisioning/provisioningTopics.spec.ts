import { createCertificateFromCsrTopic } from './createCertificateFromCsrTopic.js';
import { createKeysAndCertificateTopic } from './createKeysAndCertificateTopic.js';
import { parseProvisioningTopic } from './parseProvisioningTopic.js';
import { registerThingTopic } from './registerThingTopic.js';
import {
  PAYLOAD_FORMATS,
  PROVISIONING_REPLIES,
  type PayloadFormat,
  type ProvisioningReply,
} from './types.js';

describe('fleet provisioning topic builders', () => {
  it('build the documented topics (design 2.4)', () => {
    expect(createKeysAndCertificateTopic('json')).toBe('$aws/certificates/create/json');
    expect(createKeysAndCertificateTopic('json', 'accepted')).toBe(
      '$aws/certificates/create/json/accepted',
    );
    expect(createKeysAndCertificateTopic('cbor', 'rejected')).toBe(
      '$aws/certificates/create/cbor/rejected',
    );
    expect(createCertificateFromCsrTopic('json')).toBe('$aws/certificates/create-from-csr/json');
    expect(createCertificateFromCsrTopic('json', 'rejected')).toBe(
      '$aws/certificates/create-from-csr/json/rejected',
    );
    expect(registerThingTopic('AmrRotation', 'json')).toBe(
      '$aws/provisioning-templates/AmrRotation/provision/json',
    );
    expect(registerThingTopic('AmrRotation', 'json', 'accepted')).toBe(
      '$aws/provisioning-templates/AmrRotation/provision/json/accepted',
    );
  });

  it('refuse an invalid template name', () => {
    expect(() => registerThingTopic('a/b', 'json')).toThrow(
      expect.objectContaining({
        code: 'INVALID_TEMPLATE_NAME',
        message: 'Unexpected provisioning template name "a/b", expected [0-9A-Za-z_-]{1,36}',
      }) as Error,
    );
    expect(() => registerThingTopic('T'.repeat(37), 'json')).toThrow(
      expect.objectContaining({ code: 'INVALID_TEMPLATE_NAME' }) as Error,
    );
  });

  it('refuse an unknown format or reply from untyped callers', () => {
    expect(() => createKeysAndCertificateTopic('xml' as PayloadFormat)).toThrow(
      expect.objectContaining({
        code: 'INVALID_TOPIC',
        message: 'Unexpected payload format "xml", expected one of json, cbor',
      }) as Error,
    );
    expect(() => createCertificateFromCsrTopic('json', 'ok' as ProvisioningReply)).toThrow(
      expect.objectContaining({
        code: 'INVALID_TOPIC',
        message: 'Unexpected provisioning reply "ok", expected one of accepted, rejected',
      }) as Error,
    );
    expect(() => registerThingTopic('t', 'JSON' as PayloadFormat)).toThrow(
      expect.objectContaining({ code: 'INVALID_TOPIC' }) as Error,
    );
  });
});

describe('parseProvisioningTopic', () => {
  const replies = [undefined, ...PROVISIONING_REPLIES];

  it.each(PAYLOAD_FORMATS)('round-trips every %s topic', (format) => {
    for (const reply of replies) {
      expect(parseProvisioningTopic(createKeysAndCertificateTopic(format, reply))).toEqual({
        operation: 'CreateKeysAndCertificate',
        format,
        ...(reply === undefined ? {} : { reply }),
      });
      expect(parseProvisioningTopic(createCertificateFromCsrTopic(format, reply))).toEqual({
        operation: 'CreateCertificateFromCsr',
        format,
        ...(reply === undefined ? {} : { reply }),
      });
      expect(parseProvisioningTopic(registerThingTopic('AmrRotation', format, reply))).toEqual({
        operation: 'RegisterThing',
        templateName: 'AmrRotation',
        format,
        ...(reply === undefined ? {} : { reply }),
      });
    }
  });

  it('omits reply on request topics', () => {
    expect(parseProvisioningTopic('$aws/certificates/create/json')).not.toHaveProperty('reply');
  });

  it.each([
    '$aws/certificates/create',
    '$aws/certificates/create/',
    '$aws/certificates/create/xml',
    '$aws/certificates/create/json/ok',
    '$aws/certificates/create/json/accepted/extra',
    '$aws/certificates/delete/json',
    '$aws/certificates/create-from-csr',
    '$aws/provisioning-templates/AmrRotation/provision',
    '$aws/provisioning-templates/AmrRotation/provision/yaml',
    '$aws/provisioning-templates/AmrRotation/register/json',
    '$aws/provisioning-templates/a:b/provision/json',
    '$aws/provisioning-templates//provision/json',
    '$aws/provisioning-templates',
    '$aws/things/t/shadow/get',
    'aws/certificates/create/json',
    '',
  ])('returns undefined for %j', (topic) => {
    expect(parseProvisioningTopic(topic)).toBeUndefined();
  });
});
