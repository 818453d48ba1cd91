import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issuesFromZod } from './zod-issues.ts';

const ZBody = z.object({
  decision: z.object({ rationale: z.string().min(10) }),
  criteria: z.array(z.enum(['serious-assault'])),
});

function errorOf(schema: z.ZodType, data: unknown): z.ZodError {
  const result = schema.safeParse(data);
  if (result.success) throw new Error('expected a parse failure');
  return result.error;
}

describe('issuesFromZod', () => {
  const error = errorOf(ZBody, {
    decision: { rationale: 'short' },
    criteria: ['serious-assault', 'nope'],
  });

  it('gives dotted field paths with the prefix', () => {
    expect(issuesFromZod(error, 'body').map((issue) => issue.field)).toEqual([
      'body.decision.rationale',
      'body.criteria.1',
    ]);
  });

  it('gives dotted field paths without a prefix, and the zod rule', () => {
    expect(issuesFromZod(error).map(({ field, rule }) => [field, rule])).toEqual([
      ['decision.rationale', 'too_small'],
      ['criteria.1', 'invalid_value'],
    ]);
  });

  it('keeps the message', () => {
    const [first] = issuesFromZod(errorOf(z.string().min(10, 'a longer rationale'), 'x'));
    expect(first?.message).toBe('a longer rationale');
  });

  it('names the prefix, or (body), for an issue at the root', () => {
    const rootError = errorOf(ZBody, 'not an object');
    expect(issuesFromZod(rootError, 'query').map((issue) => issue.field)).toEqual(['query']);
    expect(issuesFromZod(rootError).map((issue) => issue.field)).toEqual(['(body)']);
  });
});
