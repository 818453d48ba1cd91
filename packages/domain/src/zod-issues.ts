import type { z } from 'zod';
import type { TIssue } from './errors.ts';

/** Flatten zod issues into `field` + `rule` pairs a person can act on. */
export function issuesFromZod(error: z.ZodError, prefix = ''): TIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return {
      field: [prefix, path].filter(Boolean).join('.') || '(body)',
      rule: issue.code,
      message: issue.message,
    };
  });
}
