import { ProvisioningTemplateError } from '../errors/ProvisioningTemplateError.js';
import { formatPath, type JsonPath } from '../internal/formatPath.js';
import type { SubPart } from './types.js';

/**
 * Splits an `Fn::Sub` string into text and `${Name}` variables. `${!Literal}` stands for the text
 * `${Literal}` (AWS CloudFormation, "Fn::Sub").
 *
 * @throws {ProvisioningTemplateError} `INVALID_TEMPLATE` for a `${` without its `}` or an empty
 *   `${}`; `UNSUPPORTED_CONSTRUCT` for a `${Resource.Attribute}` variable, which needs
 *   `Fn::GetAtt`.
 */
export function parseSubString(text: string, path: JsonPath): SubPart[] {
  const parts: SubPart[] = [];
  let literal = '';
  let position = 0;
  while (position < text.length) {
    const start = text.indexOf('${', position);
    if (start < 0) {
      literal += text.slice(position);
      break;
    }
    literal += text.slice(position, start);
    const end = text.indexOf('}', start + 2);
    if (end < 0) {
      throw new ProvisioningTemplateError(
        'INVALID_TEMPLATE',
        `Invalid template at ${formatPath(path)}: Fn::Sub string has "\${" at character ${start} without a closing "}", expected \${Name} or \${!Literal}`,
      );
    }
    const name = text.slice(start + 2, end);
    if (name.startsWith('!')) {
      literal += `\${${name.slice(1)}}`;
    } else if (name === '') {
      throw new ProvisioningTemplateError(
        'INVALID_TEMPLATE',
        `Invalid template at ${formatPath(path)}: Fn::Sub string has an empty "\${}", expected \${Name}`,
      );
    } else if (name.includes('.')) {
      throw new ProvisioningTemplateError(
        'UNSUPPORTED_CONSTRUCT',
        `Unsupported construct at ${formatPath(path)}: Fn::Sub variable "\${${name}}" is a resource attribute (Fn::GetAtt), which provisioning templates do not support; expected a parameter, a pseudo-parameter or a variable of the Fn::Sub map`,
      );
    } else {
      if (literal !== '') {
        parts.push({ kind: 'text', text: literal });
        literal = '';
      }
      parts.push({ kind: 'variable', name });
    }
    position = end + 1;
  }
  if (literal !== '') {
    parts.push({ kind: 'text', text: literal });
  }
  return parts;
}
