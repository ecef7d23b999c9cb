import { createMetrics } from './createMetrics.js';

describe('createMetrics', () => {
  it('renders counters and gauges in the Prometheus text format', () => {
    const metrics = createMetrics();
    const messages = metrics.counter('iot_messages_total', 'Messages by direction');
    messages.inc({ direction: 'in' });
    messages.inc({ direction: 'in' }, 2);
    messages.inc({ direction: 'out' });
    metrics.gauge('iot_connections', 'Open connections').set(4);
    expect(metrics.render()).toBe(
      [
        '# HELP iot_messages_total Messages by direction',
        '# TYPE iot_messages_total counter',
        'iot_messages_total{direction="in"} 3',
        'iot_messages_total{direction="out"} 1',
        '# HELP iot_connections Open connections',
        '# TYPE iot_connections gauge',
        'iot_connections 4',
        '',
      ].join('\n'),
    );
  });

  it('returns the same family for the same name and keys series by label set, whatever the order', () => {
    const metrics = createMetrics();
    metrics.counter('c', 'h').inc({ a: '1', b: '2' });
    metrics.counter('c', 'h').inc({ b: '2', a: '1' });
    expect(metrics.render()).toContain('c{a="1",b="2"} 2');
  });

  it('escapes label values', () => {
    const metrics = createMetrics();
    metrics.counter('c', 'h').inc({ topic: 'a"b\\c\nd' });
    expect(metrics.render()).toContain('c{topic="a\\"b\\\\c\\nd"} 1');
  });

  it('gauges go up and down', () => {
    const metrics = createMetrics();
    const g = metrics.gauge('g', 'h');
    g.inc();
    g.inc();
    g.dec();
    expect(metrics.render()).toContain('g 1');
  });
});
