import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type THarness } from './support/harness.ts';
import { EMAIL } from './support/people.ts';

let h: THarness;
beforeEach(async () => {
  h = await startHarness({ start: new Date('2027-01-04T10:00:00Z') });
});
afterEach(async () => {
  await h?.close();
});

type TPage = {
  entries: { id: string; caseId: string | null; personId: string }[];
  nextCursor: string | null;
};
const page = async (personId: string, query: string) => {
  const response = await h.as(personId, { method: 'GET', url: `/access-log?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as TPage;
};

describe('the access log', () => {
  it('pages newest first with a cursor, every entry once, to the AA and oversight', async () => {
    const { caseId } = await h.report();
    for (let i = 0; i < 7; i++) {
      await h.as('inv-1', { method: 'GET', url: `/cases/${caseId}` });
      await h.time.advanceBy(1000);
    }
    for (const reader of ['aa-1', 'auditor-1', 'pcc-1']) {
      const seen: string[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const { entries, nextCursor }: TPage = await page(
          reader,
          `caseId=${caseId}&personId=inv-1&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(entries.length).toBeLessThanOrEqual(3);
        seen.push(...entries.map((entry) => entry.id));
        cursor = nextCursor;
      }
      expect(seen, reader).toHaveLength(7);
      expect(new Set(seen).size).toBe(7);
      // Newest first: ids were written in time order.
      expect([...seen].sort((a, b) => Number(b) - Number(a))).toEqual(seen);
    }
    const bad = await h.as('aa-1', { method: 'GET', url: '/access-log?cursor=not-a-cursor' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });

  it('shows each reader only entries about cases they may read', async () => {
    // The chief constable's case: the PCC acts, the DCC does not see it, nor its entries.
    const { caseId } = await h.report({ subjectId: 'cc-1' });
    await h.as('inv-1', { method: 'GET', url: `/cases/${caseId}` });
    const byDcc = await page('aa-1', 'limit=1000');
    expect(byDcc.entries.map((entry) => entry.caseId)).not.toContain(caseId);
    const byPcc = await page('pcc-1', 'limit=1000');
    expect(byPcc.entries.map((entry) => entry.caseId)).toContain(caseId);
    expect(
      (await h.as('aa-1', { method: 'GET', url: `/access-log?caseId=${caseId}` })).statusCode,
    ).toBe(404);
  });

  it('alerts the Head of PSD once to a burst of refused reads, and counts it on /metrics', async () => {
    const { caseId } = await h.report();
    // The subject's sergeant probes the case: 19 refusals are under the bar, the 20th alerts.
    for (let i = 0; i < 19; i++) {
      await h.as('sgt-1', { method: 'GET', url: `/cases/${caseId}` });
    }
    await h.time.settle();
    const alerts = () =>
      h.sink
        .messages()
        .filter((mail) => mail.subject.startsWith('ALERT: ') && mail.subject.includes('sgt-1'));
    expect(alerts()).toEqual([]);
    for (let i = 0; i < 10; i++) {
      await h.as('sgt-1', { method: 'GET', url: `/cases/${caseId}` });
    }
    await h.time.settle();
    expect(alerts().map((mail) => mail.to)).toEqual([[EMAIL.head]]);
    // The alert names the person and the count, never the case.
    expect(alerts()[0]!.text).not.toContain(caseId);
    const metrics = await h.as('ops-1', { method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/^ppda_access_refusal_bursts 1$/m);
  });
});
