import type { SinkMessage } from '@ppda/local-infra';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type THarness } from './support/harness.ts';
import { isNoticeAbout, noticeKindOf } from './support/mail.ts';
import { EMAIL } from './support/people.ts';
import { csrfTokenIn, sessionCookie, startWeb, type TWebHarness } from './support/web.ts';
import { type TWholeCaseStep, wholeCase } from './support/whole-case.ts';

// Issue 18: mail in working hours, with a link that leads to the case page.
const WEB = 'http://web.test';
const END_OF = (isoDate: string) => `${isoDate}T23:59:59.999Z`;
/** The Date header has whole seconds. */
const header = (iso: string) => new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString();

async function clockEvents(h: THarness, caseId: string, ruleId: string) {
  return (await h.engine.listEvents(caseId))
    .filter((event) => event.ruleId === ruleId && event.type.startsWith('clock.'))
    .map((event) => ({
      type: event.type,
      at: new Date(event.occurredAt).toISOString(),
      rung: (event.payload as { rung: number }).rung,
    }));
}

describe('mail in working hours (GMT, March 2025)', () => {
  let h: THarness;
  let web: TWebHarness;
  let caseId: string;
  let reference: string;
  const mails = (predicate: (mail: SinkMessage) => boolean) => h.sink.messages().filter(predicate);

  beforeAll(async () => {
    h = await startHarness({
      start: new Date('2025-03-03T10:00:00Z'),
      publicUrl: WEB,
      digestAtMinutes: 7 * 60 + 30,
    });
    web = await startWeb(h);
    ({ caseId, reference } = await h.report({
      referralCriteriaMet: ['serious-assault'],
      ownerId: 'inv-1',
    }));
    const recorded = await h.decide(caseId, {
      type: 'MATTER_RECORDED',
      asConductMatter: true,
      asComplaint: false,
      rationale: 'Allegation of domestic abuse by a serving officer: a conduct matter.',
    });
    expect(recorded.statusCode).toBe(200);
  });
  afterAll(async () => {
    await web?.app.close();
    await h?.close();
  });

  it('a daily digest at 07:30 lists exactly what a person has due and overdue, and nobody with nothing gets one', async () => {
    await h.time.advanceTo(new Date('2025-03-05T07:31:00Z'));
    const digests = mails((mail) =>
      mail.subject.startsWith('Your PPDA work for Wednesday, 5 March 2025: '),
    );
    expect(digests.length).toBeGreaterThan(0);
    expect(new Set(digests.map((mail) => mail.date))).toEqual(
      new Set(['2025-03-05T07:30:00.000Z']),
    );
    const open = await h.runtime.db.prisma.task.findMany({
      where: { status: 'open', dueAt: { lte: new Date(END_OF('2025-03-05')) } },
      include: { case: true },
    });
    const people = new Set(open.map((task) => task.assigneeId));
    const addresses = await h.runtime.db.prisma.person.findMany({
      where: { id: { in: [...people] } },
    });
    // One digest per person with something, none to anybody else.
    expect(digests.flatMap((mail) => mail.to).sort()).toEqual(
      addresses.map((person) => person.email).sort(),
    );
    const aaDigest = digests.find((mail) => mail.to.includes(EMAIL.aa))!;
    expect(aaDigest.subject).toMatch(
      /^Your PPDA work for Wednesday, 5 March 2025: \d+ overdue, \d+ due today$/,
    );
    const listed = aaDigest.text
      .split('\n')
      .filter((line) => line.startsWith(`- ${reference}: `))
      .map((line) => /\(([a-z0-9.-]+)\), due/.exec(line)?.[1])
      .sort();
    expect(listed).toEqual(
      open
        .filter((task) => task.assigneeId === 'aa-1')
        .map((task) => task.ruleId)
        .sort(),
    );
    expect(aaDigest.text).toContain(`Overdue (`);
    expect(aaDigest.text).toContain(`${WEB}/cases/${caseId}`);
    // Run again for the same day: nothing new is sent (one per person and day).
    const before = h.sink.messages().length;
    await h.engine.sendDailyDigest('2025-03-05');
    await h.time.settle();
    expect(h.sink.messages().length).toBe(before);
  });

  it('a reminder goes at 08:00 London on its day; a short statute escalation at once; a policy escalation at the first working 08:00 after its rung', async () => {
    await h.time.advanceTo(new Date('2025-03-07T09:00:00Z'));
    // iopc.referral (statute, end of the following day): rungs at their legal instants.
    expect(await clockEvents(h, caseId, 'iopc.referral')).toEqual([
      { type: 'clock.reminder-sent', at: '2025-03-04T04:59:59.999Z', rung: 0 },
      { type: 'clock.due-notice-sent', at: END_OF('2025-03-04'), rung: 1 },
      { type: 'clock.escalated', at: END_OF('2025-03-04'), rung: 2 },
    ]);
    const referral = mails(
      (mail) => isNoticeAbout(mail, reference, 'iopc.referral') && mail.to.includes(EMAIL.aa),
    );
    const dateOf = (kind: string) => referral.find((mail) => noticeKindOf(mail) === kind)?.date;
    expect(dateOf('Reminder')).toBe('2025-03-04T08:00:00.000Z');
    // The due notice goes ahead of its rung (the end of its day): 08:00 on the due day.
    expect(dateOf('Due now')).toBe('2025-03-04T08:00:00.000Z');
    // A statute clock of 2 WD or shorter escalates at once, at 23:59:59.
    expect(dateOf('Overdue')).toBe(header(END_OF('2025-03-04')));

    // severity.assessment (policy, 2 WD from Mon 3 Mar: due end of Wed 5 Mar).
    expect(await clockEvents(h, caseId, 'severity.assessment')).toEqual([
      { type: 'clock.reminder-sent', at: END_OF('2025-03-03'), rung: 0 },
      { type: 'clock.due-notice-sent', at: END_OF('2025-03-05'), rung: 1 },
      { type: 'clock.escalated', at: END_OF('2025-03-06'), rung: 2 },
    ]);
    // Its due notice reaches the owner and supervisor at 08:00 on Wed 5 Mar, once each, though
    // the rung is recorded at the end of that day.
    const dueToday = mails(
      (mail) =>
        isNoticeAbout(mail, reference, 'severity.assessment') && noticeKindOf(mail) === 'Due now',
    );
    expect(dueToday.length).toBeGreaterThan(0);
    expect(new Set(dueToday.map((mail) => mail.date))).toEqual(
      new Set(['2025-03-05T08:00:00.000Z']),
    );
    const dueRecipients = dueToday.flatMap((mail) => mail.to);
    expect(new Set(dueRecipients).size).toBe(dueRecipients.length);
    const escalation = mails(
      (mail) =>
        isNoticeAbout(mail, reference, 'severity.assessment') && noticeKindOf(mail) === 'Overdue',
    );
    expect(escalation.map((mail) => [mail.to, mail.date])).toEqual([
      [[EMAIL.head], '2025-03-07T08:00:00.000Z'],
    ]);
    const [headMail] = escalation;
    expect(headMail!.subject).toBe(`${reference}: Overdue: Assess severity, was due Wed 5 Mar`);
    expect(headMail!.text).toContain('Rule: severity.assessment (policy)');
    expect(headMail!.text).toContain('What you need to do: ');
    expect(headMail!.html).toContain(`href="${WEB}/cases/${caseId}"`);
  });

  it('follows the deep link of a real escalation mail to the case page and finds the case', async () => {
    const [mail] = mails(
      (found) =>
        isNoticeAbout(found, reference, 'iopc.referral') && noticeKindOf(found) === 'Overdue',
    );
    const link = /Open the case: (\S+)/.exec(mail!.text)?.[1];
    expect(link).toBe(`${WEB}/cases/${caseId}`);
    const path = new URL(link!).pathname;
    const { app } = web;
    const page = await app.inject({ method: 'GET', url: '/sign-in' });
    const signedIn = await app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie: sessionCookie(page.headers['set-cookie']) },
      payload: { _csrf: csrfTokenIn(page.body), personId: 'aa-1', returnTo: path },
    });
    expect(signedIn.statusCode).toBe(303);
    const cookie = sessionCookie(signedIn.headers['set-cookie']);
    const casePage = await app.inject({ method: 'GET', url: path, headers: { cookie } });
    expect(casePage.statusCode).toBe(200);
    expect(casePage.body).toContain(reference);
  });

  it('attaches a calendar entry to a scheduled review, opening on its London day', async () => {
    await h.time.advanceTo(new Date('2025-04-01T09:00:00Z'));
    const review = mails(
      (mail) =>
        isNoticeAbout(mail, reference, 'oversight.board-review') &&
        (mail.attachments?.length ?? 0) > 0,
    );
    expect(review.length).toBeGreaterThan(0);
    const [invite] = review[0]!.attachments!;
    expect(invite!.filename).toBe('invite.ics');
    expect(invite!.contentType).toContain('text/calendar');
    const timers = await h.runtime.db.prisma.timer.findMany({
      where: { caseId, ruleId: 'oversight.board-review' },
      orderBy: { dueAt: 'asc' },
    });
    const due = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
      .format(timers[0]!.dueAt)
      .replaceAll('-', '');
    expect(invite!.content).toContain(`DTSTART;VALUE=DATE:${due}`);
    expect(invite!.content).toContain(`SUMMARY:${reference}: `);
    // Written under the virtual clock (March 2025), not the wall clock's today.
    expect(invite!.content).toMatch(/\r\nDTSTAMP:20250(3|4)\d\dT\d{6}Z\r\n/);
  });
});

describe('a due notice at 08:00 on its day, dropped when the clock is met before then', () => {
  let h: THarness;
  beforeAll(async () => {
    // Fri 7 Mar 2025, 09:00 GMT.
    h = await startHarness({ start: new Date('2025-03-07T09:00:00Z'), publicUrl: WEB });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('tells the owner at 08:00 on the due day, or nobody once the decision is recorded', async () => {
    // severity.assessment: 2 WD from Fri 7 Mar, due at the end of Tue 11 Mar; the reminder is
    // the end of Fri 7 Mar, and it writes the due notice ahead, for 08:00 Tue 11 Mar.
    const told = await h.report({ ownerId: 'inv-1' });
    const met = await h.report({ ownerId: 'inv-1' });
    for (const { caseId } of [told, met]) {
      const recorded = await h.decide(caseId, {
        type: 'MATTER_RECORDED',
        asConductMatter: true,
        asComplaint: false,
        rationale: 'Allegation of domestic abuse by a serving officer: a conduct matter.',
      });
      expect(recorded.statusCode, recorded.body).toBe(200);
    }
    const about = (reference: string) =>
      h.sink
        .messages()
        .filter(
          (mail) =>
            isNoticeAbout(mail, reference, 'severity.assessment') &&
            noticeKindOf(mail) === 'Due now',
        );
    await h.time.advanceTo(new Date('2025-03-11T07:59:00Z'));
    expect(about(told.reference)).toEqual([]);
    const assessed = await h.decide(met.caseId, {
      type: 'SEVERITY_ASSESSED',
      level: 'misconduct',
      rationale: 'Assessed before the due day: no due notice is owed.',
    });
    expect(assessed.statusCode, assessed.body).toBe(200);
    await h.time.advanceTo(new Date('2025-03-11T08:01:00Z'));
    const dueToday = about(told.reference);
    expect(dueToday.length).toBeGreaterThan(0);
    expect(new Set(dueToday.map((mail) => mail.date))).toEqual(
      new Set(['2025-03-11T08:00:00.000Z']),
    );
    expect(dueToday[0]!.subject).toBe(
      `${told.reference}: Due now: Assess severity, due Tue 11 Mar`,
    );
    // The clock met on Mon 10 Mar: its notice ahead is dropped, and nothing goes.
    expect(about(met.reference)).toEqual([]);
    const dropped = await h.runtime.db.prisma.notification.findMany({
      where: { caseId: met.caseId, status: 'dropped' },
    });
    expect(dropped.map((row) => row.kind)).toEqual(dropped.map(() => 'due'));
    expect(dropped.length).toBeGreaterThan(0);

    // The due rung is still recorded at its legal instant, and mails nobody a second time.
    await h.time.advanceTo(new Date('2025-03-12T09:00:00Z'));
    const rung = (await clockEvents(h, told.caseId, 'severity.assessment')).find(
      (event) => event.type === 'clock.due-notice-sent',
    );
    expect(rung?.at).toBe(END_OF('2025-03-11'));
    expect(about(told.reference).length).toBe(dueToday.length);
  });
});

describe('an interview date set is mailed with an invitation opening on its London date', () => {
  let h: THarness;
  beforeAll(async () => {
    h = await startHarness({ start: new Date('2025-03-03T09:00:00Z'), publicUrl: WEB });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('an interview at 09:00 BST opens at 08:00 UTC; a date given as London midnight opens on that London day', async () => {
    const { caseId, reference } = await h.report({ ownerId: 'inv-1' });
    const steps: [string, Record<string, unknown>][] = [
      [
        '2025-03-03T10:00:00Z',
        { type: 'MATTER_RECORDED', asConductMatter: true, asComplaint: false },
      ],
      ['2025-03-03T11:00:00Z', { type: 'SEVERITY_ASSESSED', level: 'misconduct' }],
      [
        '2025-03-03T12:00:00Z',
        {
          type: 'INVESTIGATOR_APPOINTED',
          investigatorId: 'inv-2',
          declaration: {
            signed: true,
            statement: 'I have no prior connection to anyone involved.',
          },
        },
      ],
      ['2025-03-03T13:00:00Z', { type: 'REG17_NOTICE_SERVED' }],
      ['2025-03-03T14:00:00Z', { type: 'INTERVIEW_DATE_SET', date: '2025-04-17T09:00:00+01:00' }],
      [
        '2025-03-04T10:00:00Z',
        // London midnight on Mon 28 Apr (BST): 23:00 UTC on Sun 27 Apr.
        { type: 'ALTERNATIVE_INTERVIEW_DATE_PROPOSED', date: '2025-04-28T00:00:00+01:00' },
      ],
    ];
    for (const [at, decision] of steps) {
      const response = await h.decideAt(caseId, at, {
        ...decision,
        rationale: 'Recorded for the interview invitation test.',
      });
      expect(response.statusCode, response.body).toBe(200);
    }
    await h.time.settle();
    const invites = (what: string) =>
      h.sink.messages().filter((mail) => mail.subject.startsWith(`${reference}: ${what} on `));
    const interview = invites('Interview');
    expect(interview.flatMap((mail) => mail.to)).toContain(EMAIL.owner);
    for (const mail of interview) {
      expect(mail.subject).toBe(`${reference}: Interview on Thu 17 Apr`);
      expect(mail.text).toContain('Interview: Thu, 17 Apr 2025, 09:00 (Europe/London)');
      expect(mail.html).toContain(`href="${WEB}/cases/${caseId}"`);
      const [ics] = mail.attachments!;
      expect(ics!.filename).toBe('invite.ics');
      expect(ics!.content).toContain('DTSTART:20250417T080000Z');
      expect(ics!.content).toContain('DURATION:PT60M');
      expect(ics!.content).toContain(`UID:${caseId}.interview@ppda-engine`);
      // DTSTAMP is the engine's (virtual) now when the decision was recorded.
      expect(ics!.content).toContain('\r\nDTSTAMP:20250303T140000Z\r\n');
    }
    const alternative = invites('Interview (alternative date proposed)');
    expect(alternative.flatMap((mail) => mail.to)).toContain(EMAIL.owner);
    for (const mail of alternative) {
      expect(mail.subject).toBe(
        `${reference}: Interview (alternative date proposed) on Mon 28 Apr`,
      );
      const [ics] = mail.attachments!;
      expect(ics!.content).toContain('DTSTART;VALUE=DATE:20250428');
      expect(ics!.content).toContain('DTEND;VALUE=DATE:20250429');
      // The same calendar entry as the interview: the new date replaces it.
      expect(ics!.content).toContain(`UID:${caseId}.interview@ppda-engine`);
      expect(ics!.content).toContain('\r\nDTSTAMP:20250304T100000Z\r\n');
    }
    // Sent when the decision was recorded (Date header from the engine's clock).
    expect(new Set(alternative.map((mail) => mail.date))).toEqual(
      new Set(['2025-03-04T10:00:00.000Z']),
    );
  });
});

/**
 * A case reported and run to a hearing (case to answer on Mon 14 Apr 2025), then `after`,
 * each decision recorded with a rationale; the queues settled.
 */
async function runToHearing(h: THarness, after: TWholeCaseStep[]) {
  const { caseId, reference } = await h.report({ referralCriteriaMet: ['serious-assault'] });
  const script = wholeCase('inv-2');
  const upTo = script.findIndex((step) => step.decision.type === 'CASE_TO_ANSWER_DECIDED');
  const steps: TWholeCaseStep[] = [
    ...script.slice(0, upTo),
    {
      at: '2025-04-14T10:00:00Z',
      decision: { type: 'CASE_TO_ANSWER_DECIDED', caseToAnswer: true, forum: 'hearing' },
    },
    ...after,
  ];
  for (const { at, decision } of steps) {
    const response = await h.decideAt(caseId, at, {
      ...decision,
      rationale: `Recorded for the hearing invitation test (${String(decision.type)}).`,
    });
    expect(response.statusCode, response.body).toBe(200);
  }
  await h.time.settle();
  return { caseId, reference };
}

describe('a misconduct hearing date fixed at the pre-hearing is mailed with an invitation', () => {
  let h: THarness;
  beforeAll(async () => {
    h = await startHarness({ start: new Date('2025-03-03T10:00:00Z'), publicUrl: WEB });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('invites the owner, supervisor and AA to the hearing at 10:00 BST (09:00 UTC)', async () => {
    const { caseId, reference } = await runToHearing(h, [
      { at: '2025-04-15T10:00:00Z', decision: { type: 'DOCUMENTS_SUPPLIED_TO_OFFICER' } },
      { at: '2025-04-25T10:00:00Z', decision: { type: 'OFFICER_RESPONSE_RECEIVED' } },
      { at: '2025-04-28T10:00:00Z', decision: { type: 'WITNESS_LISTS_SUPPLIED' } },
      { at: '2025-04-29T10:00:00Z', decision: { type: 'DOCUMENTS_SENT_TO_CHAIR' } },
      {
        at: '2025-05-13T15:00:00Z',
        decision: { type: 'PRE_HEARING_HELD', date: '2025-06-10T10:00:00+01:00' },
      },
    ]);
    const hearing = h.sink
      .messages()
      .filter((mail) => mail.subject === `${reference}: Misconduct hearing on Tue 10 Jun`);
    expect(hearing.flatMap((mail) => mail.to).sort()).toEqual(
      [EMAIL.aa, EMAIL.owner, EMAIL.supervisor].sort(),
    );
    for (const mail of hearing) {
      expect(mail.text).toContain('Misconduct hearing: Tue, 10 Jun 2025, 10:00 (Europe/London)');
      expect(mail.date).toBe('2025-05-13T15:00:00.000Z');
      const [ics] = mail.attachments!;
      expect(ics!.filename).toBe('invite.ics');
      expect(ics!.content).toContain('\r\nDTSTART:20250610T090000Z\r\n');
      expect(ics!.content).toContain(`UID:${caseId}.proceedings@ppda-engine`);
      expect(ics!.content).toContain('\r\nDTSTAMP:20250513T150000Z\r\n');
    }
    // Documents supplied without a date invite nobody.
    expect(
      h.sink
        .messages()
        .filter((mail) => mail.subject.startsWith(`${reference}: Misconduct meeting`)),
    ).toEqual([]);
  });
});

describe('a date given with the documents on the hearing route', () => {
  let h: THarness;
  beforeAll(async () => {
    h = await startHarness({ start: new Date('2025-03-03T10:00:00Z'), publicUrl: WEB });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('is named a hearing in its invitation, not a meeting', async () => {
    const { reference } = await runToHearing(h, [
      {
        at: '2025-04-15T10:00:00Z',
        decision: { type: 'DOCUMENTS_SUPPLIED_TO_OFFICER', date: '2025-06-03T10:00:00+01:00' },
      },
    ]);
    const mine = h.sink.messages().filter((mail) => mail.subject.startsWith(`${reference}: `));
    expect(
      mine.filter((mail) => mail.subject === `${reference}: Misconduct hearing on Tue 3 Jun`),
    ).toHaveLength(3);
    expect(mine.filter((mail) => mail.subject.includes('Misconduct meeting'))).toEqual([]);
  });
});

describe('what cannot wait goes at once, even over the Easter bank-holiday weekend', () => {
  let h: THarness;
  beforeAll(async () => {
    // Thu 17 Apr 2025, 09:00 BST: Good Friday 18 Apr and Easter Monday 21 Apr are bank holidays.
    h = await startHarness({ start: new Date('2025-04-17T08:00:00Z'), publicUrl: WEB });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('escalates the IOPC referral on Good Friday night and mails every DVPN rung at its instant', async () => {
    const { caseId, reference } = await h.report({
      referralCriteriaMet: ['serious-assault'],
      ownerId: 'inv-1',
    });
    const served = await h.decideAt(caseId, '2025-04-17T17:00:00Z', {
      type: 'DVPN_SERVED',
      rationale: 'DVPN served on the officer to protect the victim.',
    });
    expect(served.statusCode, served.body).toBe(200);
    await h.time.advanceTo(new Date('2025-04-25T12:00:00Z'));

    // iopc.referral: due end of Fri 18 Apr (BST); the AA is told at once, not on Tue 22 Apr.
    const escalated = (await clockEvents(h, caseId, 'iopc.referral')).find(
      (event) => event.type === 'clock.escalated',
    );
    expect(escalated?.at).toBe('2025-04-18T22:59:59.999Z');
    const overdue = h.sink
      .messages()
      .filter(
        (mail) =>
          isNoticeAbout(mail, reference, 'iopc.referral') && noticeKindOf(mail) === 'Overdue',
      );
    expect(overdue.map((mail) => [mail.to, mail.date])).toEqual([
      [[EMAIL.aa], header('2025-04-18T22:59:59.999Z')],
    ]);

    // dvpn.hearing is counted in hours: each rung's mail has the rung's own instant.
    const rungs = await clockEvents(h, caseId, 'dvpn.hearing');
    expect(rungs.length).toBeGreaterThan(0);
    const dvpnMails = h.sink
      .messages()
      .filter((mail) => isNoticeAbout(mail, reference, 'dvpn.hearing'));
    for (const rung of rungs) {
      const ofRung = dvpnMails.filter((mail) => mail.messageId.includes(`.r${rung.rung}.`));
      expect(ofRung.length).toBeGreaterThan(0);
      expect(new Set(ofRung.map((mail) => mail.date))).toEqual(new Set([header(rung.at)]));
    }
  });
});
