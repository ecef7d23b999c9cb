import { subscribeFilterProblem } from './subscribeFilterProblem.js';

describe('subscribeFilterProblem', () => {
  it.each([
    'amr/+/status',
    'amr/AMR-001/#',
    '#',
    '$aws/things/AMR-001/shadow/#',
    '$aws/events/presence/+/+',
  ])('accepts %s', (filter) => {
    expect(subscribeFilterProblem(filter)).toBeUndefined();
  });

  it('refuses bad filters and private $ topics', () => {
    expect(subscribeFilterProblem('a/#/b')).toMatch(/^Unexpected topic filter "a\/#\/b"/);
    expect(subscribeFilterProblem('a/b/c/d/e/f/g/h/#')).toMatch(/7/);
    expect(subscribeFilterProblem('$SYS/#')).toBe(
      'Unexpected topic filter "$SYS/#", expected no "$" topics other than $aws/',
    );
  });
});
