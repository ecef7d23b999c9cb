import { ipMatchesCidr } from './ipMatchesCidr.js';
import { parseIpAddress } from './parseIpAddress.js';

describe('parseIpAddress', () => {
  it.each<[string, number[] | undefined]>([
    ['203.0.113.7', [203, 0, 113, 7]],
    ['256.0.0.1', undefined],
    ['1.2.3', undefined],
    ['::1', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]],
    ['2001:db8::', [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
    ['::ffff:192.0.2.1', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1]],
    ['1:2:3:4:5:6:7:8', [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8]],
    ['1:2:3:4:5:6:7', undefined],
    ['1::2::3', undefined],
    ['fffff::', undefined],
    ['not an ip', undefined],
  ])('%s', (text, bytes) => {
    const parsed = parseIpAddress(text);
    expect(parsed === undefined ? undefined : Array.from(parsed)).toEqual(bytes);
  });
});

describe('ipMatchesCidr', () => {
  it.each<[string, string, boolean]>([
    ['203.0.113.7', '203.0.113.0/24', true],
    ['203.0.114.7', '203.0.113.0/24', false],
    ['203.0.113.7', '203.0.113.7', true],
    ['203.0.113.8', '203.0.113.7', false],
    ['10.1.2.3', '0.0.0.0/0', true],
    ['10.1.2.3', '10.0.0.0/9', true],
    ['10.128.2.3', '10.0.0.0/9', false],
    ['2001:db8:1::5', '2001:db8::/32', true],
    ['2001:db9::5', '2001:db8::/32', false],
    ['203.0.113.7', '2001:db8::/32', false],
    ['203.0.113.7', '203.0.113.0/33', false],
    ['203.0.113.7', '203.0.113.0/x', false],
  ])('%s in %s is %s', (address, cidr, expected) => {
    expect(ipMatchesCidr(address, cidr)).toBe(expected);
  });
});
