import {
  englandAndWalesBankHolidays,
  projectedBankHolidays,
  type TBankHolidayEvent,
} from '@ppda/calendar';
import { storeBankHolidays } from '@ppda/engine';
import { timerJobId } from '@ppda/queue';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type THarness } from './support/harness.ts';

let h: THarness;
afterEach(async () => {
  await h?.close();
});

/** A one-off day off announced after the shipped data was published (a Friday). */
const ONE_OFF: TBankHolidayEvent = {
  title: 'One-off bank holiday',
  date: '2027-01-29',
  notes: '',
  bunting: true,
};

/** gov.uk's bank-holidays.json as ops would download it: every division, events by date. */
function govUkFeed(extra: TBankHolidayEvent[]) {
  const events = [...englandAndWalesBankHolidays.events, ...extra].sort((a, b) =>
    a.date.localeCompare(b.date),
  );
  return {
    'england-and-wales': { division: 'england-and-wales' as const, events },
    scotland: { division: 'scotland', events: [] },
  };
}

const importFeed = (feed: unknown, as = 'ops-1') =>
  h.as(as, { method: 'POST', url: '/calendar/bank-holidays', payload: feed });

async function timersOf(caseId: string) {
  const timers = await h.runtime.db.prisma.timer.findMany({ where: { caseId } });
  return new Map(timers.map((timer) => [timer.ruleId, timer]));
}

const eventsOf = async (caseId: string, type: string) =>
  (await h.engine.listEvents(caseId)).filter((event) => event.type === type);

describe('a refreshed bank-holiday dataset', () => {
  it('moves exactly the clocks whose dates it affects, as case events, and moves their jobs', async () => {
    h = await startHarness({ start: new Date('2027-01-04T10:00:00Z') });
    const { caseId } = await h.report({});
    const before = await timersOf(caseId);
    // The 28-day clocks are due Mon 1 Feb 2027 with their reminder 2 WD before, Thu 28 Jan.
    expect(before.get('oversight.board-review')?.nextFireAt?.toISOString()).toBe(
      '2027-01-28T23:59:59.999Z',
    );

    expect((await importFeed(govUkFeed([]), 'inv-1')).statusCode).toBe(403);
    const refreshed = await importFeed(govUkFeed([ONE_OFF]));
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    const result = refreshed.json();
    expect(result).toMatchObject({ version: 1, changed: true, added: ['2027-01-29'], removed: [] });
    const moved = ['oversight.board-review', 'victim.progress-update'];
    expect(result.replan.moved.sort()).toEqual(
      moved.map((ruleId) => before.get(ruleId)!.id).sort(),
    );

    const after = await timersOf(caseId);
    for (const [ruleId, timer] of after) {
      const was = before.get(ruleId)!;
      // Every running clock is now planned on dataset 1, moved or not.
      expect(timer.calendarVersion, ruleId).toBe(1);
      if (!moved.includes(ruleId)) {
        expect({ dueAt: timer.dueAt, ladder: timer.ladder }, ruleId).toEqual({
          dueAt: was.dueAt,
          ladder: was.ladder,
        });
      }
    }
    // The one-off Friday pushes their reminders back a day; due date and escalations stay.
    for (const ruleId of moved) {
      const timer = after.get(ruleId)!;
      expect(timer.dueAt.toISOString()).toBe('2027-02-01T23:59:59.999Z');
      expect((timer.ladder as { fireAt: string }[]).map((rung) => rung.fireAt)).toEqual([
        '2027-01-27T23:59:59.999Z',
        '2027-02-01T23:59:59.999Z',
        '2027-02-02T23:59:59.999Z',
        '2027-02-03T23:59:59.999Z',
      ]);
      expect(timer.nextFireAt?.toISOString()).toBe('2027-01-27T23:59:59.999Z');
      // Its BullMQ job moved to the new time.
      const job = await h.runtime.queues.byName['case-timers'].getJob(timerJobId(timer.id, 0));
      expect(job?.data.fireAt).toBe('2027-01-27T23:59:59.999Z');
    }

    // One clock.replanned event per moved clock, naming the dataset and the holiday.
    const replanned = await eventsOf(caseId, 'clock.replanned');
    expect(replanned.map((event) => event.ruleId).sort()).toEqual(moved);
    for (const event of replanned) {
      expect(event.actorId).toBe('system');
      expect(event.rationale).toContain('Bank holiday dataset v1 (api, imported by ops-1)');
      expect(event.rationale).toContain('2027-01-29 (One-off bank holiday) added');
      const payload = event.payload as {
        before: { dueAt: string; rungs: { fireAt: string }[] };
        after: { dueAt: string; rungs: { fireAt: string }[] };
      };
      expect(event.payload).toMatchObject({
        calendarVersion: { before: 0, after: 1 },
        holidays: { added: [{ date: '2027-01-29', title: 'One-off bank holiday' }], removed: [] },
      });
      expect([payload.before.dueAt, payload.before.rungs[0]?.fireAt]).toEqual([
        '2027-02-01T23:59:59.999Z',
        '2027-01-28T23:59:59.999Z',
      ]);
      expect([payload.after.dueAt, payload.after.rungs[0]?.fireAt]).toEqual([
        '2027-02-01T23:59:59.999Z',
        '2027-01-27T23:59:59.999Z',
      ]);
    }
    const coverage = (await h.as('ops-1', { method: 'GET', url: '/calendar' })).json();
    expect(coverage).toMatchObject({
      coveredFrom: '2020-01-01',
      publishedTo: '2027-12-31',
      projectedTo: '2077-12-31',
      datasetVersion: 1,
      dataset: { source: 'api', importedBy: 'ops-1', added: ['2027-01-29'] },
    });

    // The same file again changes nothing.
    const again = await importFeed(govUkFeed([ONE_OFF]));
    expect(again.json()).toMatchObject({ version: 1, changed: false, replan: { moved: [] } });
    expect(await eventsOf(caseId, 'clock.replanned')).toHaveLength(2);
    expect(await timersOf(caseId)).toEqual(after);

    // The reminder fires once, at its new time, and not again at the old one.
    await h.time.advanceTo(new Date('2027-01-29T12:00:00Z'));
    const reminders = (await eventsOf(caseId, 'clock.reminder-sent')).filter(
      (event) => event.ruleId === 'oversight.board-review',
    );
    expect(reminders.map((event) => event.occurredAt)).toEqual(['2027-01-27T23:59:59.999Z']);
  });

  it('clears the projected mark when the year is published with the dates projected, without an event', async () => {
    h = await startHarness({ start: new Date('2027-01-04T10:00:00Z') });
    const { caseId } = await h.report({});
    const overrun = async () => (await timersOf(caseId)).get('investigation.overrun-report')!;
    expect((await overrun()).projected).toBe(true);
    const published2028 = projectedBankHolidays(2028).map((event) => ({ ...event, notes: '' }));
    const response = await importFeed(govUkFeed(published2028));
    expect(response.json()).toMatchObject({ version: 1, publishedTo: '2028-12-31' });
    expect(response.json().replan.moved).toEqual([]);
    expect(await overrun()).toMatchObject({ projected: false, calendarVersion: 1 });
    expect(await eventsOf(caseId, 'clock.replanned')).toEqual([]);
  });

  it('is picked up by the reconciler when another process stored it, and re-plans what a crash left', async () => {
    h = await startHarness({ start: new Date('2027-01-04T10:00:00Z') });
    const { caseId } = await h.report({});
    // The CLI (or a process that crashed before re-planning) stored the dataset only.
    const stored = await storeBankHolidays(h.engine.deps, {
      division: govUkFeed([ONE_OFF])['england-and-wales'],
      importedBy: 'cli:ops',
      source: 'bank-holidays.json',
    });
    expect(stored).toMatchObject({ version: 1, changed: true });
    expect(h.engine.deps.calendar.version).toBe(0);
    const report = await h.engine.reconcile();
    expect(report.replanned).toBe(2);
    expect(h.engine.deps.calendar.version).toBe(1);
    expect((await eventsOf(caseId, 'clock.replanned')).map((e) => e.rationale)).toEqual([
      expect.stringContaining('v1 (bank-holidays.json, imported by cli:ops)'),
      expect.stringContaining('v1 (bank-holidays.json, imported by cli:ops)'),
    ]);
    expect((await h.engine.reconcile()).replanned).toBe(0);
  });

  it('refuses a bad file whole, naming each problem', async () => {
    h = await startHarness({ start: new Date('2027-01-04T10:00:00Z') });
    const feed = govUkFeed([{ ...ONE_OFF, date: '2027-01-30' }]);
    const response = await importFeed(feed);
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain('a bank holiday falls on a weekday');
    expect((await h.as('ops-1', { method: 'GET', url: '/calendar' })).json()).toMatchObject({
      datasetVersion: 0,
      dataset: { source: 'shipped' },
    });
  });
});

describe('ops power over the calendar', () => {
  it('cannot rewrite a day already counted, nor stuff a year with holidays to push clocks back', async () => {
    h = await startHarness({ start: new Date('2027-01-04T10:00:00Z') });
    const { caseId } = await h.report();
    const before = await timersOf(caseId);
    const monday = (iso: string) => ({ ...ONE_OFF, date: iso });
    // A day already begun (today) and one in the past: history is not rewritten.
    const past = await importFeed(govUkFeed([monday('2027-01-04'), monday('2026-12-07')]));
    expect(past.statusCode, past.body).toBe(400);
    expect(past.json().issues).toEqual([
      expect.objectContaining({ field: 'events', rule: 'no-past-change' }),
      expect.objectContaining({ field: 'events', rule: 'no-past-change' }),
    ]);
    // Four extra Fridays in 2027: more than any year has had.
    const fridays = ['2027-02-05', '2027-02-12', '2027-02-19', '2027-02-26'].map(monday);
    const stuffed = await importFeed(govUkFeed(fridays));
    expect(stuffed.statusCode, stuffed.body).toBe(400);
    expect(stuffed.json().issues).toEqual([
      expect.objectContaining({ field: 'events', rule: 'at-most-11-a-year' }),
    ]);
    // Nothing stored, nothing moved.
    expect((await h.as('ops-1', { method: 'GET', url: '/calendar' })).json()).toMatchObject({
      datasetVersion: 0,
    });
    const after = await timersOf(caseId);
    for (const [ruleId, timer] of before) {
      expect(after.get(ruleId)?.nextFireAt, ruleId).toEqual(timer.nextFireAt);
    }
    expect(await eventsOf(caseId, 'clock.replanned')).toEqual([]);
  });
});

describe('dates a command gives', () => {
  it('are refused with 400 naming the field and rule when outside the calendar or absurdly far ahead', async () => {
    h = await startHarness({ start: new Date('2027-01-04T10:00:00Z') });
    const ancient = await h.as('inv-1', {
      method: 'POST',
      url: '/cases',
      payload: {
        subjectId: 'subj-1',
        ownerId: 'inv-1',
        receivedAt: '0001-01-01T00:00:00Z',
        conductDate: '2026-12-01',
        conductDateSource: 'victim-account',
      },
    });
    expect(ancient.statusCode, ancient.body).toBe(400);
    expect(ancient.json().issues).toEqual([
      expect.objectContaining({ field: 'receivedAt', rule: 'within-calendar' }),
    ]);
    expect(await h.runtime.db.prisma.case.count()).toBe(0);

    const { caseId } = await h.report({});
    const events = (await h.engine.listEvents(caseId)).length;
    const pause = (reviewDate: string) =>
      h.decide(caseId, {
        type: 'CONDUCT_PAUSED',
        rationale: 'Pending the criminal trial of the same allegation.',
        reason: 'Pending the criminal trial of the same allegation.',
        approvedByAppropriateAuthority: true,
        reviewDate,
      });
    // More than 5 years after now (2027-01-04), inside the calendar.
    const far = await pause('2033-01-01T10:00:00Z');
    expect(far.statusCode).toBe(400);
    expect(far.json().issues).toEqual([
      expect.objectContaining({ field: 'reviewDate', rule: 'not-too-far-ahead' }),
    ]);
    // Past the calendar's horizon (2077-12-31).
    const beyond = await pause('2099-01-01T10:00:00Z');
    expect(beyond.json().issues).toEqual([
      expect.objectContaining({ field: 'reviewDate', rule: 'within-calendar' }),
    ]);
    expect(await h.engine.listEvents(caseId)).toHaveLength(events);
  });
});
