import type { z } from 'zod';

/**
 * Lists a zod error's issues as `path message` pairs for an error message. zod 4 issues carry no
 * received values, so tokens and keys in the input cannot leak through here.
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
