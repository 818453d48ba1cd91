import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type THarness } from './support/harness.ts';
import { ACC_UNDER_THE_AA } from './support/people.ts';

// Mon 3 Mar 2025 10:00 London.
const START = new Date('2025-03-03T10:00:00.000Z');

interface TListed {
  caseId: string;
  reference: string;
  status: string;
  reportedAt: string;
  ownerId: string;
  summary: string;
  overdue: { ruleId: string; dueAt: string }[];
  nextDue: { ruleId: string; dueAt: string } | null;
}
interface TPage {
  cases: TListed[];
  nextCursor: string | null;
}

let h: THarness;
beforeAll(async () => {
  h = await startHarness({ start: START });
  await h.engine.importDirectory({ people: [ACC_UNDER_THE_AA] }, { actorId: 'ops-1' });
});
afterAll(async () => {
  await h?.close();
});

async function list(as: string, query = ''): Promise<TPage> {
  const response = await h.as(as, { method: 'GET', url: `/cases${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as TPage;
}

/** Every page in turn, following `nextCursor`. */
async function listAll(as: string, query: string) {
  const pages: TPage[] = [];
  let cursor: string | null = null;
  do {
    const page = await list(as, `${query}${cursor ? `&cursor=${cursor}` : ''}`);
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor);
  return pages;
}

const ids = (page: TPage) => page.cases.map((listed) => listed.caseId);

describe('GET /cases', () => {
  it('lists the cases you are assigned to, newest report first; the Head of PSD sees all', async () => {
    const older = await h.report({ receivedAt: '2025-03-03T08:00:00Z' });
    const newer = await h.report({ receivedAt: '2025-03-03T09:00:00Z' });
    const others = await h.report({ ownerId: 'inv-2' }, 'inv-2');

    const mine = ids(await list('inv-1'));
    expect(mine).toContain(older.caseId);
    expect(mine.indexOf(newer.caseId)).toBeLessThan(mine.indexOf(older.caseId));
    expect(mine).not.toContain(others.caseId);
    expect(ids(await list('inv-2'))).toContain(others.caseId);
    expect(ids(await list('head-1'))).toEqual(
      expect.arrayContaining([older.caseId, newer.caseId, others.caseId]),
    );

    const [listed] = (await list('inv-1', `?ownerId=inv-1&limit=1`)).cases;
    expect(listed).toMatchObject({
      caseId: newer.caseId,
      reference: newer.reference,
      status: 'open',
      reportedAt: '2025-03-03T09:00:00.000Z',
      ownerId: 'inv-1',
      overdue: [],
    });
    expect(listed?.summary).toContain('recording: ');
    expect(listed?.nextDue?.ruleId).toEqual(expect.any(String));
  });

  it('never lists a case kept from the reader, and every page but the last is full', async () => {
    const before = await h.report();
    const kept = await h.report({ subjectId: ACC_UNDER_THE_AA.id });
    const after = await h.report();

    const pages = await listAll('aa-1', '?limit=1');
    const seen = pages.flatMap(ids);
    expect(seen).toEqual(expect.arrayContaining([before.caseId, after.caseId]));
    expect(seen).not.toContain(kept.caseId);
    expect(pages.slice(0, -1).every((page) => page.cases.length === 1)).toBe(true);
    expect(new Set(seen).size).toBe(seen.length);
    // The same cases, in the same order, as an oversight reader sees without the kept one.
    const auditor = (await listAll('auditor-1', '?limit=200')).flatMap(ids);
    expect(auditor).toContain(kept.caseId);
    expect(seen).toEqual(auditor.filter((caseId) => caseId !== kept.caseId));
  });

  it('filters to cases with a clock past its due time, and to closed or all cases', async () => {
    const late = await h.report({ referralCriteriaMet: ['serious-assault'] });
    // Wed 5 Mar 09:00: the record and IOPC referral decisions are past due.
    await h.time.advanceTo(new Date('2025-03-05T09:00:00.000Z'));
    const fresh = await h.report();

    const overdue = await list('inv-1', '?overdue=true&limit=200');
    const listed = overdue.cases.find((entry) => entry.caseId === late.caseId);
    expect(listed?.overdue.map((clock) => clock.ruleId)).toEqual(
      expect.arrayContaining(['record.decision', 'iopc.referral']),
    );
    for (const entry of overdue.cases) {
      expect(entry.overdue.length, entry.reference).toBeGreaterThan(0);
      for (const clock of entry.overdue)
        expect(Date.parse(clock.dueAt)).toBeLessThan(h.clock.now().getTime());
    }
    expect(ids(overdue)).not.toContain(fresh.caseId);

    expect((await list('inv-1', '?status=closed')).cases).toEqual([]);
    const all = ids(await list('inv-1', '?status=all&limit=200'));
    expect(all).toEqual(expect.arrayContaining([late.caseId, fresh.caseId]));
  });

  it('answers bad input with 400 naming the field and the rule, and ops with 403', async () => {
    for (const [query, field] of [
      ['?status=pending', 'querystring.status'],
      ['?limit=0', 'querystring.limit'],
      ['?overdue=yes', 'querystring.overdue'],
      ['?sort=reference', 'querystring'],
      ['?cursor=not-a-cursor', 'cursor'],
    ] as const) {
      const response = await h.as('inv-1', { method: 'GET', url: `/cases${query}` });
      expect(response.statusCode, query).toBe(400);
      expect(response.json().issues[0], query).toMatchObject({ field, rule: expect.any(String) });
    }
    expect((await h.as('ops-1', { method: 'GET', url: '/cases' })).statusCode).toBe(403);
  });
});
