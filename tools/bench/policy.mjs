// Policy evaluator benchmark (issue 2): the cost of one authorization decision, side by side:
// evaluate() (compiles every call), an authorizer with its cache off (compiled once, bound to the
// connection once), and the cached authorizer the local cloud uses per connection.
// Usage: npm run bench:policy [-- --iterations 200000]
import { parseArgs } from 'node:util';
import {
  buildDevicePolicy,
  compilePolicies,
  createAuthorizer,
  evaluate,
} from '@iot-gateway-net/policy';

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '200000' } } });
const N = Number(values.iterations);
const region = 'ap-northeast-1';
const accountId = '123456789012';
const policies = [{ name: 'amr-device', document: buildDevicePolicy({ region, accountId }) }];
const context = {
  'iot:ClientId': 'AMR-001',
  'iot:Connection.Thing.ThingName': 'AMR-001',
  'iot:Connection.Thing.IsAttached': true,
};
const arn = (type, resource) => `arn:aws:iot:${region}:${accountId}:${type}/${resource}`;
// A realistic mix: own topics (allowed), another robot's (denied), shadow topics, subscribe filters.
const requests = [
  ['iot:Publish', arn('topic', 'amr/AMR-001/heartbeat')],
  ['iot:Publish', arn('topic', 'amr/AMR-001/status')],
  ['iot:Receive', arn('topic', 'amr/AMR-001/cmd/call')],
  ['iot:Publish', arn('topic', '$aws/things/AMR-001/shadow/name/robot/update')],
  ['iot:Subscribe', arn('topicfilter', 'amr/AMR-001/cmd/+')],
  ['iot:Publish', arn('topic', 'amr/AMR-002/status')],
  ['iot:Receive', arn('topic', '$aws/things/AMR-002/shadow/update/delta')],
  ['iot:RetainPublish', arn('topic', 'amr/AMR-001/status')],
];

function time(label, iterations, fn) {
  for (let i = 0; i < Math.min(iterations, 2000); i++) fn(i); // warm up
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn(i);
  const ns = Number(process.hrtime.bigint() - start) / iterations;
  return { label, nsPerDecision: Math.round(ns) };
}

const compiled = compilePolicies(policies);
const uncached = createAuthorizer(compiled, context, { maxCacheEntries: 0 });
const cached = createAuthorizer(compiled, context);
const pick = (i) => requests[i % requests.length];

const results = [
  time('evaluate (compile per call)', Math.max(1, Math.floor(N / 50)), (i) => {
    const [action, resource] = pick(i);
    evaluate(policies, { action, resource, context });
  }),
  time(
    'compilePolicies + createAuthorizer (per connection)',
    Math.max(1, Math.floor(N / 50)),
    () => {
      createAuthorizer(compilePolicies(policies), context);
    },
  ),
  time('authorizer, cache off', N, (i) => uncached.authorize(...pick(i))),
  time('authorizer, cached (local cloud)', N, (i) => cached.authorize(...pick(i))),
];
const cachedNs = results.at(-1).nsPerDecision;
console.log(
  JSON.stringify(
    {
      machine: `${(await import('node:os')).cpus().length} cores, Node ${process.version}`,
      iterations: N,
      results: results.map((r) => ({
        ...r,
        relativeToCached: Number((r.nsPerDecision / cachedNs).toFixed(1)),
      })),
    },
    null,
    2,
  ),
);
