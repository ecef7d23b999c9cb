import { createTopicChecker } from './createTopicChecker.js';
import { publishTopicProblem } from './publishTopicProblem.js';

describe('createTopicChecker', () => {
  it('answers as publishTopicProblem, for repeated topics too', () => {
    const check = createTopicChecker();
    for (let round = 0; round < 2; round += 1) {
      for (const [topic, retain] of [
        ['amr/AMR-001/status', false],
        ['amr/AMR-001/status', true],
        ['$aws/things/AMR-001/shadow/update', false],
        ['$aws/things/AMR-001/shadow/update', true],
        ['a/b/c/d/e/f/g/h/i', false],
      ] as const) {
        expect(check(topic, retain)).toBe(publishTopicProblem(topic, retain));
      }
    }
    for (let i = 0; i < 1100; i += 1) {
      expect(check(`t/${i}`, false)).toBeUndefined();
    }
  });
});
