import { ProvisioningError } from '../errors/ProvisioningError.js';
import { fromMqttJs } from './fromMqttJs.js';
import type { MqttJsClientLike, MqttJsSubscriptionGrant } from './types.js';

type Listener = (topic: string, payload: Uint8Array) => void;

function fakeMqttJs(granted: (topics: string[]) => MqttJsSubscriptionGrant[]) {
  const listeners = new Set<Listener>();
  const calls: unknown[][] = [];
  const client: MqttJsClientLike = {
    subscribeAsync: (topics, options) => {
      calls.push(['subscribeAsync', topics, options]);
      return Promise.resolve(granted(topics));
    },
    unsubscribeAsync: (topics) => {
      calls.push(['unsubscribeAsync', topics]);
      return Promise.resolve(undefined);
    },
    publishAsync: (topic, message, options) => {
      calls.push(['publishAsync', topic, message, options]);
      return Promise.resolve(undefined);
    },
    on: (_event, listener) => listeners.add(listener),
    off: (_event, listener) => listeners.delete(listener),
  };
  return { client, calls, listeners };
}

describe('fromMqttJs', () => {
  it('passes subscribe, unsubscribe and publish through with QoS 1', async () => {
    const { client, calls } = fakeMqttJs((topics) => topics.map((topic) => ({ topic, qos: 1 })));
    const connection = fromMqttJs(client);
    const payload = new Uint8Array([1, 2]);

    await connection.subscribe(['a/accepted', 'a/rejected'], { qos: 1 });
    await connection.publish('a', payload, { qos: 1 });
    await connection.unsubscribe(['a/accepted']);
    expect(calls).toEqual([
      ['subscribeAsync', ['a/accepted', 'a/rejected'], { qos: 1 }],
      ['publishAsync', 'a', payload, { qos: 1 }],
      ['unsubscribeAsync', ['a/accepted']],
    ]);
  });

  it('rejects with CONNECTION when the SUBACK refuses a filter', async () => {
    const connection = fromMqttJs(
      fakeMqttJs((topics) => topics.map((topic, i) => ({ topic, qos: i === 1 ? 0x80 : 1 }))).client,
    );

    const error = await connection.subscribe(['a/accepted', 'a/rejected'], { qos: 1 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProvisioningError);
    expect((error as ProvisioningError).code).toBe('CONNECTION');
    expect((error as ProvisioningError).message).toBe(
      'Subscription refused for "a/rejected" (0x80), expected QoS 1 granted',
    );
  });

  it('adds a message listener and removes exactly that one', () => {
    const { client, listeners } = fakeMqttJs(() => []);
    const connection = fromMqttJs(client);
    const seen: string[] = [];

    const off = connection.onMessage((topic, payload) => seen.push(`${topic}:${payload.length}`));
    expect(listeners.size).toBe(1);
    listeners.forEach((listener) => listener('t', new Uint8Array(3)));
    off();
    expect(listeners.size).toBe(0);
    expect(seen).toEqual(['t:3']);
  });
});
