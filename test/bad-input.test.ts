import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { THarness } from './support/harness.ts';
import { startWithOneCase } from './support/setups.ts';

/**
 * Issue 15, "Bad input is a 400, always", written as the attack: text PostgreSQL cannot
 * store (NUL) or that is not text at all (a lone surrogate), JSON nested 50,000 deep, and a
 * body past the limit, on commands, queries and the directory import. Each is a 400 naming
 * the field (a 413 for size), and nothing is written.
 */
let h: THarness;
let caseId: string;

beforeAll(async () => {
  ({ h, caseId } = await startWithOneCase());
});
afterAll(async () => {
  await h.close();
});

const events = () => h.runtime.db.prisma.caseEvent.count({ where: { caseId } });
const send = (personId: string, url: string, payload: string, type = 'application/json') =>
  h.api.inject({
    method: 'POST',
    url,
    headers: { ...h.headersFor(personId), 'content-type': type },
    payload,
  });
const person = (displayName: string) => ({
  id: 'x-1',
  displayName,
  email: 'x1@force.test',
  rank: 'PC',
  force: 'xx',
});

describe('text no database can store, refused as a 400 naming the field', () => {
  it.each([
    ['NUL', 'Recorded as a conduct matter\u0000 quietly.'],
    ['a lone high surrogate', 'Recorded as a conduct matter \uD800 quietly.'],
    ['a lone low surrogate', 'Recorded as a conduct matter \uDC00 quietly.'],
  ])('%s in a decision rationale', async (_what, rationale) => {
    const before = await events();
    const response = await h.decide(caseId, {
      type: 'MATTER_RECORDED',
      asConductMatter: true,
      asComplaint: false,
      rationale,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: 'validation',
      issues: [expect.objectContaining({ field: 'body.rationale', rule: 'text' })],
    });
    expect(await events()).toBe(before);
  });

  it('NUL in an assignment rationale', async () => {
    const response = await h.as('head-1', {
      method: 'POST',
      url: `/cases/${caseId}/assignments`,
      payload: { personId: 'inv-2', role: 'investigator', rationale: 'Extra hands\u0000 needed.' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain('body.rationale: must not contain NUL');
  });

  it('NUL in a directory name, as JSON and as CSV; a lone surrogate in an association reason', async () => {
    const json = await send('ops-1', '/directory/import', JSON.stringify([person('X\u0000 One')]));
    expect(json.statusCode).toBe(400);
    expect(json.json().issues).toEqual([
      expect.objectContaining({ field: 'body.0.displayName', rule: 'text' }),
    ]);
    const csv = await send(
      'ops-1',
      '/directory/import',
      'id,displayName,email,roles,rank,force,department,team,lineManagerId\nx-1,X\u0000 One,x1@force.test,,PC,xx,,,\n',
      'text/csv',
    );
    expect(csv.statusCode).toBe(400);
    const reason = await send(
      'aa-1',
      '/directory/import',
      JSON.stringify({
        people: [person('X One')],
        associations: [{ personId: 'x-1', associateId: 'inv-1', reason: 'Friends \uDBFF.' }],
      }),
    );
    expect(reason.statusCode).toBe(400);
    expect(reason.json().issues[0].field).toBe('body.associations.0.reason');
    expect(await h.runtime.db.prisma.person.findUnique({ where: { id: 'x-1' } })).toBeNull();
  });

  it('NUL in a query string and in a path', async () => {
    const query = await h.as('head-1', { method: 'GET', url: '/cases?ownerId=inv%00-1' });
    expect(query.statusCode).toBe(400);
    expect(query.json().issues[0].field).toBe('querystring.ownerId');
    const path = await h.as('head-1', { method: 'GET', url: '/people/inv%00-1/tasks' });
    expect(path.statusCode).toBe(400);
  });
});

describe('JSON depth and size bounded before parsing, on every route', () => {
  const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

  it('50,000-deep JSON on the directory import is a 400, not a 500', async () => {
    const response = await send('ops-1', '/directory/import', deep(50_000));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'validation' });
    expect(response.json().message).toContain('nested deeper than 32');
  });

  it.each([
    ['/cases', 'inv-1'],
    [`/cases/${'00000000-0000-4000-8000-000000000000'}/decisions`, 'aa-1'],
    [`/cases/${'00000000-0000-4000-8000-000000000000'}/assignments`, 'head-1'],
  ])('deep JSON on POST %s is a 400', async (url, as) => {
    const wrapped = `{"rationale":${deep(10_000)}}`;
    const response = await send(as, url, wrapped);
    expect(response.statusCode).toBe(400);
  });

  it('a body past the limit is a 413 before it is parsed; braces inside strings are not depth', async () => {
    const huge = JSON.stringify({ rationale: 'x'.repeat(2 * 1024 * 1024) });
    expect((await send('inv-1', '/cases', huge)).statusCode).toBe(413);
    const bracesInText = await h.decide(caseId, {
      type: 'MATTER_RECORDED',
      asConductMatter: true,
      asComplaint: false,
      rationale: `A conduct matter ${'[{'.repeat(100)}`,
    });
    expect(bracesInText.statusCode).toBe(200);
  });

  it('a prototype-poisoning body is still refused', async () => {
    const response = await send('inv-1', '/cases', '{"__proto__":{"admin":true}}');
    expect(response.statusCode).toBe(400);
  });
});
