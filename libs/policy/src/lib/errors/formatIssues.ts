import type { z } from 'zod';
import { describeReceived } from '../errors/describeReceived.js';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

const MAX_ISSUES = 3;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function formatPath(path: Path, root: string): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') {
      text += `[${key}]`;
    } else {
      const name = String(key);
      text += IDENTIFIER.test(name)
        ? `${text === '' ? '' : '.'}${name}`
        : `[${JSON.stringify(name)}]`;
    }
  }
  return text === '' ? root : text;
}

function valueAt(input: unknown, path: Path): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') {
      return undefined;
    }
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function depth(issues: readonly Issue[]): number {
  return Math.max(...issues.map((issue) => issue.path.length));
}

/** Replaces union failures by the branch that got furthest into the input. */
function flatten(issues: readonly Issue[], prefix: Path): { issue: Issue; path: Path }[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const best = issue.errors.reduce((a, b) => (depth(b) > depth(a) ? b : a));
      if (depth(best) > 0) {
        return flatten(best, path);
      }
    }
    return [{ issue, path }];
  });
}

function describeIssue(issue: Issue, path: Path, input: unknown, root: string): string {
  const where = formatPath(path, root);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => JSON.stringify(key)).join(', ');
    return `${where}: unexpected field ${keys}, expected only the fields of the IAM policy grammar`;
  }
  if (issue.code === 'invalid_key') {
    const key = path[path.length - 1];
    const reason = issue.issues[0]?.message ?? issue.message;
    return `${where}: ${reason}, received ${describeReceived(key === undefined ? key : String(key))}`;
  }
  return `${where}: ${issue.message}, received ${describeReceived(valueAt(input, path))}`;
}

/**
 * Turns zod issues into one line that names where the input is wrong,
 * what was expected and what was received, e.g.
 * `Statement[0].Effect: expected "Allow" or "Deny", received "Permit"`. `root` names the input
 * itself when the issue is at its top. Defaults to `'input'`.
 */
export function formatIssues(issues: readonly Issue[], input: unknown, root = 'input'): string {
  const flat = flatten(issues, []);
  const shown = flat
    .slice(0, MAX_ISSUES)
    .map(({ issue, path }) => describeIssue(issue, path, input, root));
  const more = flat.length > MAX_ISSUES ? ` (and ${flat.length - MAX_ISSUES} more)` : '';
  return `${shown.join('; ')}${more}`;
}
