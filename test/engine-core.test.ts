import { createEngine } from '@ppda/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type THarness } from './support/harness.ts';
import { isNoticeAbout, noticeKindOf } from './support/mail.ts';
import { EMAIL } from './support/people.ts';

// Mon 3 Mar 2025 10:00 in London (GMT, so also 10:00Z).
const MON_3_MAR_10AM = new Date('2025-03-03T10:00:00Z');
const END_OF = (isoDate: string) => `${isoDate}T23:59:59.999Z`;
const DAY = 24 * 3600 * 1000;

let h: THarness;

beforeEach(async () => {
  h = await startHarness({ start: MON_3_MAR_10AM });
});
afterEach(async () => {
  await h.close();
});

const report = (body: Record<string, unknown>) => h.report(body);

/** As a holder of the decision's right: the AA for severity and referral, else the owner. */
const decide = (caseId: string, body: Record<string, unknown>) => h.decide(caseId, body);

async function clockEvents(caseId: string, ruleId: string) {
  const events = await h.engine.listEvents(caseId);
  return events
    .filter((event) => event.ruleId === ruleId)
    .map((event) => ({ type: event.type, at: event.occurredAt }));
}

/** `<timer>.r<rung>.<role>@…`: the notification's effect key, carried in its Message-ID. */
const rungAndRole = (messageId: string) => {
  const [, rung = '0', role = ''] = /\.r(\d+)\.([a-z-]+)@/.exec(messageId) ?? [];
  return { rung: Number(rung), role };
};

// The mails of one rung are queued together and sent by concurrent workers, so they arrive in
// either order: list them by rung, then recipient role.
const mailsAbout = (reference: string, ruleId: string) =>
  h.sink
    .messages()
    .filter((mail) => isNoticeAbout(mail, reference, ruleId))
    .sort((a, b) => {
      const [x, y] = [rungAndRole(a.messageId), rungAndRole(b.messageId)];
      return x.rung - y.rung || x.role.localeCompare(y.role);
    })
    .map((mail) => ({ to: mail.to.join(','), kind: noticeKindOf(mail) }));

describe('worked example 1: the IOPC referral deadline', () => {
  it('reminds the AA who owes the referral decision, then escalates to them at the end of Tue 4 Mar, each once', async () => {
    const opened = await report({ referralCriteriaMet: ['serious-assault'], ownerId: 'inv-1' });
    expect(opened.reference).toMatch(/^PPDA-25-[2-9A-Z]{6}$/);

    await h.time.advanceTo(new Date('2025-03-06T12:00:00Z'));

    expect(await clockEvents(opened.caseId, 'iopc.referral')).toEqual([
      { type: 'clock.reminder-sent', at: '2025-03-04T04:59:59.999Z' },
      { type: 'clock.due-notice-sent', at: END_OF('2025-03-04') },
      { type: 'clock.escalated', at: END_OF('2025-03-04') },
    ]);
    // IOPC_REFERRAL_DECIDED is the AA's decision (decision rights), so the duty is theirs.
    expect(mailsAbout(opened.reference, 'iopc.referral')).toEqual([
      { to: EMAIL.aa, kind: 'Reminder' },
      { to: EMAIL.aa, kind: 'Due now' },
      { to: EMAIL.supervisor, kind: 'Due now' },
      { to: EMAIL.aa, kind: 'Overdue' },
    ]);
    const escalation = h.sink
      .messages()
      .find((mail) => mail.to.includes(EMAIL.aa) && noticeKindOf(mail) === 'Overdue')!;
    expect(escalation.subject).toBe(
      `${opened.reference}: Overdue: Refer to the IOPC (or record why not), was due Tue 4 Mar`,
    );
    expect(escalation.text).toContain('Rule: iopc.referral (statute)');
    expect(escalation.text).toContain(
      'Police (Complaints and Misconduct) Regulations 2020 regs 4 and 7',
    );
    expect(escalation.text).toContain('Due: Tue, 4 Mar 2025, 23:59 (Europe/London)');

    const view = await h.engine.getCase(opened.caseId);
    expect(view.overdue).toContain('iopc.referral');
    expect(view.clocks.find((clock) => clock.ruleId === 'iopc.referral')?.status).toBe('overdue');

    // Nothing further fires for this clock however far time moves.
    await h.time.advanceBy(30 * DAY);
    expect(await clockEvents(opened.caseId, 'iopc.referral')).toHaveLength(3);
  });

  it('sends no escalation when the referral is recorded before due, and the job is gone', async () => {
    const opened = await report({ referralCriteriaMet: ['serious-assault'], ownerId: 'inv-1' });
    const [timer] = await h.engine
      .listClocks(opened.caseId)
      .then((clocks) => clocks.filter((clock) => clock.ruleId === 'iopc.referral'));
    const jobId = `${timer!.timerId}.r0`;
    const timersQueue = h.runtime.queues.byName['case-timers'];
    expect(await timersQueue.getJobState(jobId)).toBe('delayed');

    await h.time.advanceBy(3 * 3600 * 1000);
    const response = await decide(opened.caseId, {
      type: 'IOPC_REFERRAL_DECIDED',
      referred: true,
      rationale: 'Serious assault alleged: mandatory referral criterion met.',
    });
    expect(response.statusCode).toBe(200);
    await h.time.settle();

    expect(await timersQueue.getJobState(jobId)).toBe('unknown');
    await h.time.advanceBy(14 * DAY);
    expect(await clockEvents(opened.caseId, 'iopc.referral')).toEqual([]);
    expect(mailsAbout(opened.reference, 'iopc.referral')).toEqual([]);
    const clocks = await h.engine.listClocks(opened.caseId);
    expect(clocks.find((clock) => clock.ruleId === 'iopc.referral')).toMatchObject({
      status: 'met',
      stoppedBy: 'iopc.referral.decided',
      stoppedAt: '2025-03-03T13:00:00.000Z',
    });
  });
});

describe('severity assessment never recorded', () => {
  it('walks the whole ladder: reminder, due notice, Head of PSD at due + 1 WD, AA at due + 2 WD, each once', async () => {
    const opened = await report({ ownerId: 'inv-1' });
    const recorded = await decide(opened.caseId, {
      type: 'MATTER_RECORDED',
      asConductMatter: true,
      asComplaint: false,
      rationale: 'Allegation of domestic abuse by a serving officer: a conduct matter.',
    });
    expect(recorded.statusCode).toBe(200);

    await h.time.advanceBy(21 * DAY);

    // Recorded Mon 3 Mar: due end of Wed 5 Mar (2 WD).
    expect(await clockEvents(opened.caseId, 'severity.assessment')).toEqual([
      { type: 'clock.reminder-sent', at: END_OF('2025-03-03') },
      { type: 'clock.due-notice-sent', at: END_OF('2025-03-05') },
      { type: 'clock.escalated', at: END_OF('2025-03-06') },
      { type: 'clock.escalated', at: END_OF('2025-03-07') },
    ]);
    // The severity assessment is the AA's decision: reminder and due notice are theirs.
    expect(mailsAbout(opened.reference, 'severity.assessment')).toEqual([
      { to: EMAIL.aa, kind: 'Reminder' },
      { to: EMAIL.aa, kind: 'Due now' },
      { to: EMAIL.supervisor, kind: 'Due now' },
      { to: EMAIL.head, kind: 'Overdue' },
      { to: EMAIL.aa, kind: 'Overdue' },
    ]);
    const notifications = await h.runtime.db.prisma.notification.findMany({
      where: { caseId: opened.caseId, status: { not: 'sent' } },
    });
    expect(notifications).toEqual([]);
  });

  it('stops the ladder when the assessment is recorded', async () => {
    const opened = await report({ ownerId: 'inv-1' });
    await decide(opened.caseId, {
      type: 'MATTER_RECORDED',
      asConductMatter: true,
      asComplaint: true,
      rationale: 'Conduct matter and complaint from the victim.',
    });
    await h.time.advanceTo(new Date('2025-03-05T09:00:00Z'));
    const assessed = await decide(opened.caseId, {
      type: 'SEVERITY_ASSESSED',
      level: 'gross-misconduct',
      rationale: 'Alleged assault on a partner: would justify dismissal if proven.',
    });
    expect(assessed.statusCode).toBe(200);
    await h.time.advanceBy(14 * DAY);
    expect((await clockEvents(opened.caseId, 'severity.assessment')).map((e) => e.type)).toEqual([
      'clock.reminder-sent',
    ]);
    const tasks = await h.engine.listOpenTasks('inv-1');
    expect(tasks.map((task) => task.ruleId)).not.toContain('severity.assessment');
  });
});

describe('commands that fail change nothing', () => {
  it('answers a malformed command with 400 naming the field and the rule', async () => {
    const opened = await report({ ownerId: 'inv-1' });
    const before = await h.engine.getCase(opened.caseId);
    const response = await decide(opened.caseId, {
      type: 'SEVERITY_ASSESSED',
      level: 'catastrophic',
      rationale: 'short',
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error).toBe('validation');
    expect(body.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'body.level', rule: 'invalid_value' }),
        expect.objectContaining({ field: 'body.rationale', rule: 'too_small' }),
      ]),
    );
    const after = await h.engine.getCase(opened.caseId);
    expect(after.version).toBe(before.version);
    expect(await h.engine.listEvents(opened.caseId)).toHaveLength(1);
  });

  it('answers a refused gate with 422, the gate id and what is missing', async () => {
    const opened = await report({ referralCriteriaMet: ['serious-assault'], ownerId: 'inv-1' });
    const response = await decide(opened.caseId, {
      type: 'IOPC_REFERRAL_DECIDED',
      referred: false,
      rationale: 'Victim does not support a referral.',
      criteriaRationale: { 'serious-assault': 'Injuries were minor and no weapon was used.' },
    });
    expect(response.statusCode).toBe(422);
    const body = response.json();
    expect(body.gate).toBe('gate.not-referred');
    expect(body.message).toContain('serious-sexual-offence');
    expect(body.message).not.toContain('serious-assault,');
    const view = await h.engine.getCase(opened.caseId);
    expect(view.version).toBe(1);
    expect(JSON.stringify(view.state)).toContain('"referral":"decisionDue"');
  });

  it('answers an event the case is not ready for with 409', async () => {
    const opened = await report({ ownerId: 'inv-1' });
    const response = await decide(opened.caseId, {
      type: 'SUSPENSION_LIFTED',
      rationale: 'Lifting a suspension that was never imposed.',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ error: 'not-allowed-now', gate: 'state' });
  });

  it('refuses an unknown owner and an unknown case', async () => {
    const unknownOwner = await h.as('inv-1', {
      method: 'POST',
      url: '/cases',
      payload: {
        ownerId: 'nobody',
        subjectId: 'subj-1',
        conductDate: '2025-01-06',
        conductDateSource: 'victim-account',
      },
    });
    expect(unknownOwner.statusCode).toBe(400);
    expect(unknownOwner.json().issues[0]).toMatchObject({ field: 'ownerId', rule: 'known-person' });
    const missing = await h.as('inv-1', {
      method: 'GET',
      url: '/cases/00000000-0000-4000-8000-000000000000',
    });
    expect(missing.statusCode).toBe(404);
    expect(await h.runtime.db.prisma.case.count()).toBe(0);
  });
});

describe('case references', () => {
  it('draws another when a new reference is already a case’s, and gives up with 409, writing nothing', async () => {
    const taken = await h.report();
    const fresh = 'PPDA-25-ZZZZZZ';
    const draws = [taken.reference, fresh];
    const engine = createEngine({ ...h.engine.deps, caseReference: () => draws.shift()! });
    const report = {
      referralCriteriaMet: [],
      ownerId: 'inv-1',
      subjectId: 'subj-1',
      conductDate: '2025-01-06',
      conductDateSource: 'victim-account' as const,
    };
    const actor = { id: 'inv-1', role: 'investigator' };
    const opened = await engine.reportAllegation(report, actor);
    expect(opened.reference).toBe(fresh);
    expect(await h.engine.getCase(opened.caseId)).toMatchObject({ reference: fresh });

    const alwaysTaken = createEngine({ ...h.engine.deps, caseReference: () => fresh });
    await expect(alwaysTaken.reportAllegation(report, actor)).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await h.runtime.db.prisma.case.count()).toBe(2);
  });
});

describe('effects happen once', () => {
  it('ignores a duplicate delivery of a timer job and of a send job', async () => {
    const opened = await report({ referralCriteriaMet: ['serious-assault'], ownerId: 'inv-1' });
    const clock = (await h.engine.listClocks(opened.caseId)).find(
      (c) => c.ruleId === 'iopc.referral',
    )!;
    await h.time.advanceTo(new Date('2025-03-04T08:00:00Z')); // the reminder's mail goes at 08:00
    expect(await h.engine.fireTimerRung({ timerId: clock.timerId, rung: 0 })).toBe('stale');
    const [notification] = await h.runtime.db.prisma.notification.findMany({
      where: { timerId: clock.timerId, rung: 0 },
    });
    expect(await h.engine.sendNotification(notification!.id)).toBe('already-sent');
    // The reminder once (the due notice goes ahead of its rung at the same 08:00).
    expect(
      mailsAbout(opened.reference, 'iopc.referral').filter((mail) => mail.kind === 'Reminder'),
    ).toHaveLength(1);
    expect(await clockEvents(opened.caseId, 'iopc.referral')).toHaveLength(1);
  });

  it('leaves a send claimed by a live run alone, takes over a lapsed claim, knows no ghost', async () => {
    const opened = await report({ referralCriteriaMet: ['serious-assault'], ownerId: 'inv-1' });
    const clock = (await h.engine.listClocks(opened.caseId)).find(
      (c) => c.ruleId === 'iopc.referral',
    )!;
    await h.time.advanceTo(new Date('2025-03-04T08:00:00Z')); // the reminder's mail goes at 08:00
    const prisma = h.runtime.db.prisma;
    const [notification] = await prisma.notification.findMany({
      where: { timerId: clock.timerId, rung: 0 },
    });
    const id = notification!.id;
    const before = mailsAbout(opened.reference, 'iopc.referral').length;
    // Another run claimed it a moment ago (wall time: the lease is about process liveness).
    await prisma.notification.update({
      where: { id },
      data: { status: 'sending', claimedAt: new Date(), sentAt: null },
    });
    expect(await h.engine.sendNotification(id)).toBe('in-progress');
    // That run died: its claim lapses after the lease, and this run sends it.
    await prisma.notification.update({
      where: { id },
      data: { claimedAt: new Date(Date.now() - 61_000) },
    });
    expect(await h.engine.sendNotification(id)).toBe('sent');
    expect(mailsAbout(opened.reference, 'iopc.referral')).toHaveLength(before + 1);
    const sent = await prisma.notification.findUniqueOrThrow({ where: { id } });
    expect(sent).toMatchObject({ status: 'sent', attempts: notification!.attempts + 1 });
    expect(sent.sentAt).toEqual(h.clock.now());
    expect(await h.engine.sendNotification('no-such-notification')).toBe('missing');
  });
});

describe('queries and ops surface', () => {
  it("lists a person's open tasks, a case's clocks and its hash-chained events", async () => {
    const opened = await report({ referralCriteriaMet: ['serious-assault'], ownerId: 'inv-1' });
    const tasks = await h.as('inv-1', { method: 'GET', url: '/people/inv-1/tasks' });
    expect(
      tasks
        .json()
        .map((task: { ruleId: string }) => task.ruleId)
        .slice(0, 2),
    ).toEqual(['record.decision', 'victim.progress-update']);
    // The referral decision is the AA's: its task is in their inbox, not the owner's.
    const aaTasks = await h.as('aa-1', { method: 'GET', url: '/people/aa-1/tasks' });
    expect(aaTasks.json().map((task: { ruleId: string }) => task.ruleId)).toContain(
      'iopc.referral',
    );
    const events = await h.as('inv-1', { method: 'GET', url: `/cases/${opened.caseId}/events` });
    const [first] = events.json();
    expect(first).toMatchObject({ seq: 1, type: 'allegation.reported', actorId: 'inv-1' });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves health, the OpenAPI document and Bull Board', async () => {
    const health = await h.api.inject({ method: 'GET', url: '/health' });
    expect(health.json()).toEqual({ status: 'ok', database: 'up', redis: 'up' });
    const openapi = await h.api.inject({ method: 'GET', url: '/openapi.json' });
    const document = openapi.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/cases', '/cases/{caseId}/decisions', '/health']),
    );
    const board = await h.as('ops-1', { method: 'GET', url: '/ops/queues' });
    expect(board.statusCode).toBe(200);
    expect(board.headers['content-type']).toContain('text/html');
  });
});
