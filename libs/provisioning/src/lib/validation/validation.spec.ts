import { ProvisioningError } from '../errors/ProvisioningError.js';
import { assertCsrPem } from './assertCsrPem.js';
import { assertParameters } from './assertParameters.js';
import { describeValue } from './describeValue.js';

import { TEST_CSR_PEM as CSR } from '../../testing/fixtures.js';

function codeOf(run: () => void): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof ProvisioningError ? error.code : 'other';
  }
  return undefined;
}

describe('assertCsrPem', () => {
  it('accepts a PEM CERTIFICATE REQUEST block, CRLF and the legacy NEW label', () => {
    expect(codeOf(() => assertCsrPem(CSR))).toBeUndefined();
    expect(codeOf(() => assertCsrPem(CSR.replace(/\n/g, '\r\n')))).toBeUndefined();
    expect(
      codeOf(() => assertCsrPem(CSR.replace(/CERTIFICATE REQUEST/g, 'NEW CERTIFICATE REQUEST'))),
    ).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['blank', '  \n'],
    ['not a string', 42],
    ['a certificate', CSR.replace(/CERTIFICATE REQUEST/g, 'CERTIFICATE')],
    ['mismatched labels', CSR.replace('END CERTIFICATE REQUEST', 'END NEW CERTIFICATE REQUEST')],
    ['no body', '-----BEGIN CERTIFICATE REQUEST-----\n\n-----END CERTIFICATE REQUEST-----'],
    ['bad base64', CSR.replace('MIHN', 'M!HN')],
    ['bad padding', CSR.replace('Mg==', 'Mg=')],
    ['two blocks', `${CSR}${CSR}`],
    ['text around', `hello\n${CSR}`],
  ])('refuses %s with INVALID_ARGUMENT', (_name, value) => {
    expect(codeOf(() => assertCsrPem(value))).toBe('INVALID_ARGUMENT');
  });

  it('names what it received without echoing key material', () => {
    const key =
      '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ0secretsecret\n-----END PRIVATE KEY-----';
    expect(() => assertCsrPem(key)).toThrow(
      'Unexpected certificate signing request: a string starting with "-----BEGIN PRIVATE KEY-----", expected one PEM "CERTIFICATE REQUEST" block (PKCS #10)',
    );
    expect(() => assertCsrPem('MC4CAQAwBQYDK2VwBCIEIJ0secretsecret')).toThrow(
      /a string of 35 characters/,
    );
  });
});

describe('assertParameters', () => {
  it('accepts undefined and string maps', () => {
    expect(codeOf(() => assertParameters(undefined))).toBeUndefined();
    expect(codeOf(() => assertParameters({}))).toBeUndefined();
    expect(codeOf(() => assertParameters({ serial: '001', model: 'amr-x' }))).toBeUndefined();
  });

  it.each([
    ['null', null],
    ['an array', ['a']],
    ['a string', 'serial=001'],
    ['a number value', { serial: 1 }],
    ['a nested value', { serial: { v: '1' } }],
  ])('refuses %s with INVALID_ARGUMENT', (_name, value) => {
    expect(codeOf(() => assertParameters(value))).toBe('INVALID_ARGUMENT');
  });

  it('names the key, never the value', () => {
    expect(() => assertParameters({ serial: 1234567 })).toThrow(
      'Unexpected RegisterThing parameter "serial": a value of type number, expected a string',
    );
  });
});

describe('describeValue', () => {
  it('quotes only PEM armour lines', () => {
    expect(describeValue('')).toBe('an empty string');
    expect(describeValue(' ')).toBe('a blank string');
    expect(describeValue('secret')).toBe('a string of 6 characters');
    expect(describeValue('-----BEGIN CERTIFICATE-----\nAAA')).toBe(
      'a string starting with "-----BEGIN CERTIFICATE-----"',
    );
    expect(describeValue(null)).toBe('null');
    expect(describeValue([])).toBe('an array');
    expect(describeValue(1)).toBe('a value of type number');
  });
});
