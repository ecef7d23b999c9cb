import { isPublishableReservedTopic } from './isPublishableReservedTopic.js';
import { publishTopicProblem } from './publishTopicProblem.js';

describe('isPublishableReservedTopic', () => {
  it.each([
    '$aws/things/AMR-001/shadow/get',
    '$aws/things/AMR-001/shadow/update',
    '$aws/things/AMR-001/shadow/delete',
    '$aws/things/AMR-001/shadow/name/robot/update',
    '$aws/things/AMR-001/jobs/get',
    '$aws/things/AMR-001/jobs/start-next',
    '$aws/things/AMR-001/jobs/job-1/update',
    '$aws/things/AMR-001/defender/metrics/json',
    '$aws/things/AMR-001/streams/s1/get/cbor',
    '$aws/certificates/create/json',
    '$aws/certificates/create-from-csr/cbor',
    '$aws/provisioning-templates/amr-fleet/provision/json',
    '$aws/rules/telemetry',
    '$aws/rules/telemetry/amr/AMR-001',
  ])('allows publishing to %s', (topic) => {
    expect(isPublishableReservedTopic(topic)).toBe(true);
  });

  it.each([
    '$aws/things/AMR-001/shadow/update/accepted',
    '$aws/things/AMR-001/shadow/update/delta',
    '$aws/things/AMR-001/shadow/name/robot/get/rejected',
    '$aws/events/presence/connected/AMR-001',
    '$aws/certificates/create/json/accepted',
    '$aws/certificates/create/xml',
    '$aws/things/AMR-001/tunnels/notify',
    '$aws/unknown',
    '$SYS/broker/heartbeat',
  ])('refuses publishing to %s', (topic) => {
    expect(isPublishableReservedTopic(topic)).toBe(false);
  });
});

describe('publishTopicProblem', () => {
  it('accepts ordinary and publishable reserved topics', () => {
    expect(publishTopicProblem('amr/AMR-001/status', true)).toBeUndefined();
    expect(publishTopicProblem('$aws/things/AMR-001/shadow/update', false)).toBeUndefined();
  });

  it('names the rule a topic breaks', () => {
    expect(publishTopicProblem('a/b/c/d/e/f/g/h/i', false)).toMatch(
      /^Unexpected topic "a\/b\/c\/d\/e\/f\/g\/h\/i", expected .*7/,
    );
    expect(publishTopicProblem('x'.repeat(257), false)).toMatch(/256/);
    expect(publishTopicProblem('a/+/b', false)).toMatch(/^Unexpected topic "a\/\+\/b"/);
    expect(publishTopicProblem('$aws/things/AMR-001/shadow/update', true)).toBe(
      'Unexpected RETAIN on reserved topic "$aws/things/AMR-001/shadow/update", expected RETAIN only on topics outside $aws/',
    );
    expect(publishTopicProblem('$aws/events/presence/connected/x', false)).toMatch(
      /^Unexpected publish to reserved topic "\$aws\/events\/presence\/connected\/x"/,
    );
  });
});
