import type { Counter, Gauge, Labels, Metrics } from './Metrics.js';

interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  series: Map<string, { labels: Labels; value: number }>;
}

/**
 * Creates an in-memory {@link Metrics} registry. Asking twice for the same name returns the same
 * family. Series are keyed by their label set; rendering follows the Prometheus text format 0.0.4.
 */
export function createMetrics(): Metrics {
  const families = new Map<string, Family>();

  const family = (name: string, help: string, type: Family['type']): Family => {
    let f = families.get(name);
    if (!f) {
      f = { name, help, type, series: new Map() };
      families.set(name, f);
    }
    return f;
  };
  const add = (f: Family, labels: Labels, by: number): void => {
    const key = labelKey(labels);
    const s = f.series.get(key);
    if (s) s.value += by;
    else f.series.set(key, { labels, value: by });
  };

  return {
    counter(name, help): Counter {
      const f = family(name, help, 'counter');
      return { inc: (labels = {}, by = 1) => add(f, labels, by) };
    },
    gauge(name, help): Gauge {
      const f = family(name, help, 'gauge');
      return {
        set: (value, labels = {}) => f.series.set(labelKey(labels), { labels, value }),
        inc: (labels = {}, by = 1) => add(f, labels, by),
        dec: (labels = {}, by = 1) => add(f, labels, -by),
      };
    },
    render(): string {
      const lines: string[] = [];
      for (const f of families.values()) {
        lines.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
        for (const s of f.series.values()) {
          lines.push(`${f.name}${renderLabels(s.labels)} ${s.value}`);
        }
      }
      return lines.join('\n') + '\n';
    },
  };
}

function labelKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
}

function renderLabels(labels: Labels): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '';
  return `{${keys.map((k) => `${k}="${escapeValue(labels[k] ?? '')}"`).join(',')}}`;
}

function escapeValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}
