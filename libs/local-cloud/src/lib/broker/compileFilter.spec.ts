import { compileFilter } from './compileFilter.js';

describe('compileFilter', () => {
  it.each([
    ['amr/AMR-001/status', 'amr/AMR-001/status', true],
    ['amr/AMR-001/status', 'amr/AMR-001/heartbeat', false],
    ['$aws/things/+/shadow/#', '$aws/things/AMR-001/shadow/update', true],
    ['$aws/things/+/shadow/#', '$aws/things/AMR-001/shadow', false],
    ['$aws/things/+/shadow/#', 'amr/AMR-001/status', false],
    ['a/#', 'a', false],
    ['a/#', 'a/', true],
    ['#', 'anything/at/all', true],
    ['#', '$aws/things/x/shadow/get', false],
    ['+/x', 'a/x', true],
  ])('%s matches %s: %p', (filter, topic, expected) => {
    expect(compileFilter(filter)(topic)).toBe(expected);
  });
});
