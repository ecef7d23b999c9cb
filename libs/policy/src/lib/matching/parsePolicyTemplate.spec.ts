import { parsePolicyTemplate } from './parsePolicyTemplate.js';
import { resolveTemplate } from './resolveTemplate.js';

const lookup = (values: Record<string, string>) => (key: string) => values[key];

describe('parsePolicyTemplate', () => {
  it('keeps a string without variables as text', () => {
    expect(parsePolicyTemplate('$aws/things/a/*')).toEqual({
      source: '$aws/things/a/*',
      parts: [{ kind: 'text', text: '$aws/things/a/*' }],
      hasVariables: false,
    });
  });

  it('locates variables and normalises their keys (case-insensitive outside [])', () => {
    const template = parsePolicyTemplate(
      'amr/${iot:Connection.Thing.ThingName}/${iot:Connection.Thing.Attributes[Zone]}',
    );
    expect(template.hasVariables).toBe(true);
    expect(template.parts).toEqual([
      { kind: 'text', text: 'amr/' },
      { kind: 'variable', key: 'iot:connection.thing.thingname', fallback: undefined },
      { kind: 'text', text: '/' },
      { kind: 'variable', key: 'iot:connection.thing.attributes[Zone]', fallback: undefined },
    ]);
  });

  it('reads ${*}, ${?} and ${$} as literal characters', () => {
    expect(parsePolicyTemplate('a${*}b${?}c${$}').parts).toEqual([
      { kind: 'text', text: 'a' },
      { kind: 'literal', text: '*' },
      { kind: 'text', text: 'b' },
      { kind: 'literal', text: '?' },
      { kind: 'text', text: 'c' },
      { kind: 'literal', text: '$' },
    ]);
  });

  it("reads a default value written ${key, 'default'}", () => {
    expect(parsePolicyTemplate("x/${aws:userid, 'anonymous'}").parts[1]).toEqual({
      kind: 'variable',
      key: 'aws:userid',
      fallback: 'anonymous',
    });
  });

  it('treats an unterminated ${ as text', () => {
    expect(parsePolicyTemplate('a/${iot:ClientId').parts).toEqual([
      { kind: 'text', text: 'a/${iot:ClientId' },
    ]);
  });

  it('keeps ${...} as text for operators without variables', () => {
    expect(parsePolicyTemplate('${iot:ClientId}', false).hasVariables).toBe(false);
  });
});

describe('resolveTemplate', () => {
  it('substitutes values as literal segments', () => {
    const template = parsePolicyTemplate('amr/${iot:ClientId}/*');
    expect(resolveTemplate(template, lookup({ 'iot:clientid': '+' }))).toEqual([
      { text: 'amr/', wildcards: true },
      { text: '+', wildcards: false },
      { text: '/*', wildcards: true },
    ]);
  });

  it('returns undefined when a variable has no value', () => {
    expect(resolveTemplate(parsePolicyTemplate('amr/${iot:ClientId}'), lookup({}))).toBeUndefined();
  });

  it('uses the default when the variable has no value', () => {
    const template = parsePolicyTemplate("amr/${iot:ClientId, 'none'}");
    expect(resolveTemplate(template, lookup({}))).toEqual([
      { text: 'amr/', wildcards: true },
      { text: 'none', wildcards: false },
    ]);
  });
});
