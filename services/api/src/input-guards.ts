import { AppError, type TIssue } from '@ppda/domain';
import type { FastifyInstance } from 'fastify';

/** Deeper JSON than any command needs (the directory import is 3 levels) is refused unread. */
const MAX_JSON_DEPTH = 32;
/** Every route's body limit, unless the route sets its own (the directory import: 10 MiB). */
export const BODY_LIMIT_BYTES = 1024 * 1024;
/** Issues listed at most: a hostile body with 10,000 NULs needs no 10,000-line answer. */
const MAX_ISSUES = 20;

/**
 * The nesting depth of a JSON text, scanned without parsing (strings skipped), stopping as
 * soon as it passes `max`: a 50,000-deep array must be refused before anything recurses
 * into it (JSON.parse, the schema, the handlers' walks).
 */
function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c)
        i++; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      if (++depth > max) return true;
    } else if (char === 0x7d || char === 0x5d) depth--;
  }
  return false;
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a text is refused, or null: PostgreSQL cannot store NUL (U+0000) in text, and a lone
 * surrogate is not a character at all (it cannot be encoded as UTF-8 and stored as itself).
 */
function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain NUL (U+0000)';
  if (LONE_SURROGATE.test(value)) return 'must not contain a lone surrogate (malformed UTF-16)';
  return null;
}

/** Every string (and key) in a parsed value that `textProblem` refuses, with its path. */
function textIssues(value: unknown, path: string, issues: TIssue[] = []): TIssue[] {
  if (issues.length >= MAX_ISSUES) return issues;
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) issues.push({ field: path, rule: 'text', message: problem });
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) textIssues(item, `${path}.${index}`, issues);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = textProblem(key);
      if (keyProblem) {
        issues.push({ field: `${path}.<key>`, rule: 'text', message: `a key ${keyProblem}` });
      } else textIssues(item, `${path}.${key}`, issues);
    }
  }
  return issues;
}

/**
 * Bad input is a 400 on every route, decided once here rather than in each schema: JSON is
 * depth-checked before it is parsed (then parsed by Fastify's own prototype-poisoning-safe
 * parser), bodies are size-bounded while read, and every text in the body, query and path
 * (a CSV body too) is refused with NUL or a lone surrogate, naming the field.
 */
export function registerInputGuards(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonDepthExceeds(body as string, MAX_JSON_DEPTH)) {
      done(
        new AppError('validation', `body: JSON nested deeper than ${MAX_JSON_DEPTH} levels`, {
          issues: [{ field: 'body', rule: 'max-depth', message: `deeper than ${MAX_JSON_DEPTH}` }],
        }),
        undefined,
      );
      return;
    }
    // Fastify's own parser answers through `done`, synchronously; its type allows a promise.
    void parseJson(request, body as string, done);
  });
  app.addHook('preValidation', async (request) => {
    const issues = [
      ...textIssues(request.params, 'params'),
      ...textIssues(request.query, 'querystring'),
      ...textIssues(request.body, 'body'),
    ].slice(0, MAX_ISSUES);
    if (issues.length > 0) {
      throw new AppError(
        'validation',
        issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '),
        { issues },
      );
    }
  });
}
