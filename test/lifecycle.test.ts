import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type THarness } from './support/harness.ts';
import { isNoticeAbout, noticeKindOf } from './support/mail.ts';
import { EMAIL } from './support/people.ts';
import { movedTo, wholeCase } from './support/whole-case.ts';

let h: THarness;
afterEach(async () => {
  await h?.close();
});

async function openCase(start: string, body: Record<string, unknown> = {}) {
  h = await startHarness({ start: new Date(start) });
  return (await h.report(body)).caseId;
}

// As a holder of the decision right (h.deciderFor): the AA, the Head of PSD or the owner.
const decide = (caseId: string, at: string, decision: Record<string, unknown>) =>
  h.decideAt(caseId, at, {
    rationale: `Recorded in the lifecycle test (${String(decision.type)}).`,
    ...decision,
  });

async function accept(caseId: string, at: string, decision: Record<string, unknown>) {
  const response = await decide(caseId, at, decision);
  expect(response.statusCode, response.body).toBe(200);
}

/**
 * The same case reported with the clock at different dates: every decision keeps its distance
 * from the report. 2025 runs on published bank holidays only; the later ones run clocks (the
 * 12-month overrun report at once, the whole case from 2028) on holidays projected by rule,
 * 2036 through a projected Christmas and New Year.
 */
const REPORTED_AT = [
  '2025-03-03T10:00:00Z',
  '2027-01-04T10:00:00Z',
  '2031-07-15T10:00:00Z',
  '2036-12-22T10:00:00Z',
];

describe.each(REPORTED_AT)('a whole case reported at %s, report to closure', (reportedAt) => {
  /** A date of the 2025 script, moved by as much as this run's report is. */
  const t = movedTo(reportedAt);

  it('closes only when every gate.closure condition holds, and leaves no clock running', async () => {
    const caseId = await openCase(t('2025-03-03T10:00:00Z'), {
      referralCriteriaMet: ['serious-assault'],
    });
    // GET /cases/:id marks a clock whose dates rely on holidays projected past gov.uk's data:
    // the 12-month overrun report of every case reported from 2027.
    const opened = await h.as('inv-1', { method: 'GET', url: `/cases/${caseId}` });
    const overrun = (opened.json().clocks as { ruleId: string; projected: boolean }[]).find(
      (clock) => clock.ruleId === 'investigation.overrun-report',
    );
    expect(overrun?.projected).toBe(reportedAt >= '2027');
    for (const { at, decision } of wholeCase('inv-2')) {
      const moved = typeof decision.date === 'string' ? { date: t(decision.date) } : {};
      // Before the outcome: one without its seriousness assessment is refused (gate.outcome).
      if (decision.type === 'OUTCOME_RECORDED') {
        const bare = await decide(caseId, t('2025-05-08T15:00:00Z'), {
          type: 'OUTCOME_RECORDED',
          outcome: 'final-written-warning',
        });
        expect(bare.statusCode).toBe(422);
        expect(bare.json().gate).toBe('gate.outcome');
      }
      // Before the victim is told: closing now is refused, naming every condition unmet.
      if (decision.type === 'VICTIM_TOLD_OUTCOME') {
        const early = await decide(caseId, t('2025-05-09T10:00:00Z'), { type: 'CASE_CLOSED' });
        expect(early.statusCode).toBe(422);
        expect(early.json()).toMatchObject({ gate: 'gate.closure' });
        expect(early.json().message).toContain('the victim has not been told the outcome');
        expect(early.json().message).toContain('the IOPC has not been notified of the outcome');
        expect(early.json().message).toContain('the restriction is not lifted');
        expect(early.json().message).toContain('victim.outcome-notice');
      }
      await accept(caseId, t(at), { ...decision, ...moved });
    }

    const view = await h.engine.getCase(caseId);
    expect(view.status).toBe('closed');
    expect(view.state).toBe('closed');
    expect(view.clocks).toEqual([]);
    const timers = await h.runtime.db.prisma.timer.findMany({ where: { caseId } });
    expect(timers.every((timer) => timer.status === 'met' || timer.status === 'cancelled')).toBe(
      true,
    );
    // The clocks that run while a case is open end with it: cancelled, not met.
    expect(
      timers
        .filter((t) => t.status === 'cancelled')
        .map((t) => t.ruleId)
        .sort(),
    ).toEqual(['investigation.overrun-report', 'oversight.board-review']);
    await h.time.settle();
    const jobs = await h.runtime.queues.byName['case-timers'].getDelayed();
    expect(jobs.filter((job) => String(job.data.timerId).includes(caseId))).toEqual([]);
    // The audit keeps a closed case for 12 months: handled in time, it shows no failure.
    const audited = async () =>
      (
        (await h.as('auditor-1', { method: 'GET', url: '/audit' })).json() as {
          cases: { caseId: string }[];
        }
      ).cases.find((entry) => entry.caseId === caseId);
    expect(await audited()).toMatchObject({
      status: 'closed',
      closedAt: t('2025-05-12T10:00:00.000Z'),
      findings: [],
    });
    // Nothing fires for a closed case however far time runs.
    const before = (await h.engine.listEvents(caseId)).length;
    await h.time.advanceBy(400 * 24 * 3600 * 1000);
    expect(await h.engine.listEvents(caseId)).toHaveLength(before);
    expect(await audited()).toBeUndefined();
  });
});

describe('clocks that pause, re-base and route', () => {
  it('pauses reg17.notice while the AA-approved pause lasts and resumes it with the working days it had left', async () => {
    const caseId = await openCase('2025-03-03T10:00:00Z');
    await accept(caseId, '2025-03-03T11:00:00Z', {
      type: 'MATTER_RECORDED',
      asConductMatter: true,
      asComplaint: false,
    });
    await accept(caseId, '2025-03-03T12:00:00Z', {
      type: 'SEVERITY_ASSESSED',
      level: 'misconduct',
    });
    await accept(caseId, '2025-03-04T10:00:00Z', {
      type: 'INVESTIGATOR_APPOINTED',
      investigatorId: 'inv-2',
      declaration: { signed: true, statement: 'I have no prior connection to anyone involved.' },
    });
    // reg17.notice: 5 WD from Tue 4 Mar, due end of Tue 11 Mar.
    const notice = async () =>
      (await h.engine.listClocks(caseId)).find((c) => c.ruleId === 'reg17.notice')!;
    expect((await notice()).dueAt).toBe('2025-03-11T23:59:59.999Z');

    const unapproved = await decide(caseId, '2025-03-06T10:00:00Z', {
      type: 'CONDUCT_PAUSED',
      reason: 'Pending the criminal trial of the same allegation.',
      approvedByAppropriateAuthority: false,
      reviewDate: '2025-03-20T10:00:00Z',
    });
    expect(unapproved.statusCode).toBe(422);
    expect(unapproved.json().gate).toBe('gate.conduct-pause');

    await accept(caseId, '2025-03-06T10:00:00Z', {
      type: 'CONDUCT_PAUSED',
      reason: 'Pending the criminal trial of the same allegation.',
      approvedByAppropriateAuthority: true,
      reviewDate: '2025-03-20T10:00:00Z',
    });
    expect((await notice()).status).toBe('paused');
    // Paused on Thu 6 Mar with 3 WD left (7, 10, 11 Mar); resumed Mon 17 Mar: due Thu 20 Mar.
    await accept(caseId, '2025-03-17T10:00:00Z', { type: 'CONDUCT_RESUMED' });
    expect(await notice()).toMatchObject({ status: 'armed', dueAt: '2025-03-20T23:59:59.999Z' });
    const pauseReview = (await h.engine.listClocks(caseId)).find(
      (c) => c.ruleId === 'conduct-pause.review',
    );
    expect(pauseReview).toMatchObject({ status: 'met', dueAt: '2025-03-20T23:59:59.999Z' });
  });

  it('escalates to the PCC, never the DCC, when the subject is the chief officer', async () => {
    h = await startHarness({ start: new Date('2025-03-03T10:00:00Z') });
    const { caseId, reference } = await h.engine.reportAllegation(
      {
        ownerId: 'inv-1',
        referralCriteriaMet: ['chief-officer'],
        subjectId: 'cc-1',
        conductDate: '2025-03-01',
        conductDateSource: 'victim-account',
      },
      { id: 'inv-1', role: 'investigator' },
    );
    await h.time.advanceTo(new Date('2025-03-06T10:00:00Z'));
    const escalations = h.sink
      .messages()
      .filter(
        (mail) =>
          isNoticeAbout(mail, reference, 'iopc.referral') && noticeKindOf(mail) === 'Overdue',
      );
    expect(escalations.map((mail) => mail.to)).toEqual([[EMAIL.pcc]]);
    expect(h.sink.messages().some((mail) => mail.to.includes(EMAIL.aa))).toBe(false);
    const events = await h.engine.listEvents(caseId);
    expect(events.find((e) => e.type === 'clock.escalated')?.payload).toMatchObject({
      notified: [{ role: 'appropriate-authority', personId: 'pcc-1' }],
    });
  });
});

describe('a case saved by machine version 1', () => {
  it('restores, migrates and carries on with its clocks intact', async () => {
    h = await startHarness({ start: new Date('2025-03-04T09:00:00Z') });
    const fixtures = JSON.parse(
      readFileSync(
        new URL(
          '../workflows/ppda-case/src/migrations/fixtures/v1-snapshots.json',
          import.meta.url,
        ),
        'utf8',
      ),
    ) as { snapshots: Record<string, { value: unknown }> };
    const v1 = fixtures.snapshots['severity-overdue']!;
    const prisma = h.runtime.db.prisma;
    const caseId = '11111111-1111-4111-8111-111111111111';
    // The rows version 1 left: the case, and its severity clock with two rungs fired.
    await prisma.case.create({
      data: {
        id: caseId,
        reference: 'PPDA-25-BCDFGH',
        machineId: 'ppda-case',
        machineVersion: 1,
        snapshot: v1 as object,
        stateValue: v1.value as object,
        status: 'open',
        version: 7,
        ownerId: 'inv-1',
        reportedAt: new Date('2025-03-03T10:00:00Z'),
      },
    });
    const ladder = [
      { rung: 0, kind: 'reminder', fireAt: '2025-03-03T23:59:59.999Z', notify: ['case-owner'] },
      {
        rung: 1,
        kind: 'due',
        fireAt: '2025-03-05T23:59:59.999Z',
        notify: ['case-owner', 'supervisor'],
      },
      { rung: 2, kind: 'escalation', fireAt: '2025-03-06T23:59:59.999Z', notify: ['head-of-psd'] },
      {
        rung: 3,
        kind: 'escalation',
        fireAt: '2025-03-07T23:59:59.999Z',
        notify: ['appropriate-authority'],
      },
    ];
    const timerId = `tm.${caseId}.severity.assessment.1`;
    await prisma.timer.create({
      data: {
        id: timerId,
        caseId,
        ruleId: 'severity.assessment',
        generation: 1,
        status: 'armed',
        anchorAt: new Date('2025-03-03T11:00:00Z'),
        dueAt: new Date('2025-03-05T23:59:59.999Z'),
        ladder,
        nextRung: 2,
        nextFireAt: new Date('2025-03-06T23:59:59.999Z'),
      },
    });
    expect((await h.engine.reconcile()).rearmed).toBe(1);

    // The v1 clock fires its remaining rungs on time through the migrated machine.
    await h.time.advanceTo(new Date('2025-03-10T09:00:00Z'));
    const fired = await prisma.caseEvent.findMany({ where: { caseId }, orderBy: { seq: 'asc' } });
    expect(fired.map((e) => [e.type, e.occurredAt.toISOString()])).toEqual([
      ['clock.escalated', '2025-03-06T23:59:59.999Z'],
      ['clock.escalated', '2025-03-07T23:59:59.999Z'],
    ]);
    const migrated = await prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(migrated.machineVersion).toBe(4);

    await accept(caseId, '2025-03-10T10:00:00Z', {
      type: 'SEVERITY_ASSESSED',
      level: 'misconduct',
    });
    const timers = await prisma.timer.findMany({
      where: { caseId },
      orderBy: { createdAt: 'asc' },
    });
    expect(timers.filter((t) => t.ruleId === 'severity.assessment')).toMatchObject([
      { id: timerId, status: 'met', stoppedBy: 'severity.assessed' },
    ]);
    expect(
      timers
        .filter((t) => t.status === 'armed')
        .map((t) => t.ruleId)
        .sort(),
    ).toEqual([
      'investigation.overrun-report',
      'investigator.appointment',
      'oversight.board-review',
      'victim.progress-update',
    ]);
  });
});
