import { defaultPolicyPack, type TPolicyPackInput, ZPolicyPack } from '@ppda/ppda-case';
import { afterEach, describe, expect, it } from 'vitest';
import { NEITHER_CONDITION_HOLDS, REASONED_SUSPENSION } from './support/decisions.ts';
import { startHarness, type THarness } from './support/harness.ts';
import { demoSignIn, startWeb } from './support/web.ts';

// Issue 14 end to end ("The law on the day", rules.md): the conduct date a report gives
// decides which version of each rule the case runs, recorded at report and kept when a later
// pack is loaded; the 2026 suspension duties (conduct on or after 13 July 2026) and the
// vetting route (allegations from 28 May 2025) run through the API on a virtual clock.
// Due instants are the end of the London day: 22:59:59.999Z in BST (every date here).
const endOfBstDay = (date: string) => `${date}T22:59:59.999Z`;

const RATIONALE = 'Recorded with reasons for the law-on-the-day test.';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function harnessAt(start: string) {
  const h = await startHarness({ start: new Date(start) });
  cleanups.push(() => h.close());
  return h;
}

async function decideAt(h: THarness, caseId: string, at: string, decision: object) {
  const response = await h.decideAt(caseId, at, { rationale: RATIONALE, ...decision });
  expect(response.statusCode, response.body).toBe(200);
  return response;
}

async function refusedAt(h: THarness, caseId: string, at: string, decision: object) {
  const response = await h.decideAt(caseId, at, { rationale: RATIONALE, ...decision });
  expect(response.statusCode, response.body).toBe(422);
  return response.json() as { gate: string; reason?: string; message?: string };
}

/** Due dates of every timer of a rule, in the order they were armed. */
async function dues(h: THarness, caseId: string, ruleId: string) {
  const clocks = await h.engine.listClocks(caseId);
  return clocks.filter((clock) => clock.ruleId === ruleId).map((clock) => clock.dueAt);
}

interface TLawView {
  conductDate: string;
  conductDateSource: string;
  allegationDate: string;
  packVersion: string;
  rules: {
    id: string;
    version: string;
    duration: { amount: number; unit: string };
    unverified: boolean;
    why: string;
  }[];
  provisions: { id: string; version: string; why: string }[];
}
async function lawOf(h: THarness, caseId: string): Promise<TLawView> {
  const response = await h.as('inv-1', { method: 'GET', url: `/cases/${caseId}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().law as TLawView;
}

const recordMatter = { type: 'MATTER_RECORDED', asConductMatter: true, asComplaint: false };

/**
 * On Mon 2 Jun 2025: recorded as a conduct matter outside Schedule 3, screened with no referral
 * criteria, and assessed "refer to be dealt with under the Vetting Regulations".
 */
async function assessForVetting(h: THarness, caseId: string) {
  await decideAt(h, caseId, '2025-06-02T10:00:00Z', { ...recordMatter, underSchedule3: false });
  await decideAt(h, caseId, '2025-06-02T10:30:00Z', { type: 'REFERRAL_SCREENED', criteria: [] });
  await decideAt(h, caseId, '2025-06-02T11:00:00Z', {
    type: 'SEVERITY_ASSESSED',
    level: 'refer-to-vetting',
  });
}

/** A harness on Mon 2 Jun 2025 whose directory has a force vetting manager (`fvm-1`). */
async function startWithVettingManager(): Promise<THarness> {
  const h = await startHarness({
    start: new Date('2025-06-02T09:00:00Z'),
    morePeople: {
      people: [
        {
          id: 'fvm-1',
          displayName: 'Force Vetting Manager',
          email: 'fvm@vetting.test',
          roles: ['vetting-authority'],
          rank: 'staff-manager',
          force: 'xx',
          department: 'vetting',
          team: 'vetting-unit',
        },
      ],
    },
  });
  cleanups.push(() => h.close());
  return h;
}
const arrest = (offence?: string) => ({
  type: 'CRIMINAL_DECISION_RECORDED',
  decision: 'arrest',
  ...(offence ? { offence } : {}),
});
const grossMisconduct = { type: 'SEVERITY_ASSESSED', level: 'gross-misconduct' };

describe('two cases side by side: conduct on 1 July and on 20 July 2026', () => {
  it('the first keeps discretionary suspension and 4-weekly reviews, the second the 2026 duties; a later pack moves neither', async () => {
    const first = await startHarness({ start: new Date('2026-07-27T09:00:00Z') });
    let firstRunning = true;
    cleanups.push(() => (firstRunning ? first.close() : first.sink.close()));
    let h = first;
    const before = await h.report({
      conductDate: '2026-07-01',
      conductDateSource: 'victim-account',
    });
    const after = await h.report({
      conductDate: '2026-07-20',
      conductDateSource: 'victim-account',
    });

    // "Not suspended" with no reasons: a discretion on the first, refused on the second.
    const bare = { type: 'SUSPENSION_NOT_REQUIRED' };
    await decideAt(h, before.caseId, '2026-07-27T10:00:00Z', bare);
    const refused = await refusedAt(h, after.caseId, '2026-07-27T10:00:00Z', bare);
    expect(refused.gate).toBe('gate.suspension');

    // Both suspended on Mon 27 Jul 2026. Reviews (from the next day): 4 weeks = 28 days to
    // Mon 24 Aug; 12 weeks = 84 days to Mon 19 Oct (27 Jul + 4 = 31 Jul, + 31 = 31 Aug,
    // + 30 = 30 Sep, + 19 = 19 Oct; BST until 25 Oct).
    await decideAt(h, before.caseId, '2026-07-27T11:00:00Z', REASONED_SUSPENSION);
    await decideAt(h, after.caseId, '2026-07-27T11:00:00Z', REASONED_SUSPENSION);
    expect(await dues(h, before.caseId, 'suspension.review')).toEqual([endOfBstDay('2026-08-24')]);
    expect(await dues(h, after.caseId, 'suspension.review')).toEqual([endOfBstDay('2026-10-19')]);

    // GET /cases/:id shows the law: the dates, each running rule's version and why.
    const law = await lawOf(h, after.caseId);
    expect(law).toMatchObject({
      conductDate: '2026-07-20',
      conductDateSource: 'victim-account',
      allegationDate: '2026-07-27',
      packVersion: defaultPolicyPack.version,
    });
    expect(law.rules.find((rule) => rule.id === 'suspension.review')).toMatchObject({
      version: 'suspension.review@2026-07-13',
      duration: { amount: 12, unit: 'weeks' },
      unverified: true,
      why: expect.stringContaining('the conduct date 2026-07-20 (victim-account)'),
    });
    expect(law.rules.find((rule) => rule.id === 'suspension.review')?.why).toContain(
      'recorded on the case at report',
    );
    expect(law.provisions.map((provision) => provision.version)).toEqual(
      expect.arrayContaining([
        'suspension.duty@2026-07-13',
        'suspension.listed-offence-arrest@2026-07-13',
      ]),
    );
    const oldLaw = await lawOf(h, before.caseId);
    expect(oldLaw.rules.find((rule) => rule.id === 'suspension.review')).toMatchObject({
      version: 'suspension.review@2020-02-01',
      duration: { amount: 4, unit: 'weeks' },
    });
    // Only the vetting option (decided by the allegation date, 27 Jul 2026) reaches it.
    expect(oldLaw.provisions.map((provision) => provision.version)).toEqual([
      'severity.refer-to-vetting@2025-05-28',
    ]);

    // Mid-case, a later pack is loaded: it would put conduct from 1 July 2026 on 12-week
    // reviews (a new version from that day). The running cases keep what they recorded.
    const laterPack = ZPolicyPack.parse({
      version: '2026.2',
      rules: defaultPolicyPack.rules.flatMap((rule): TPolicyPackInput['rules'] => {
        if (rule.id !== 'suspension.review' || rule.appliesFrom !== '2020-02-01') return [rule];
        return [
          { ...rule, appliesUntil: '2026-06-30' },
          {
            ...rule,
            title: 'Review the suspension within 12 weeks (brought forward)',
            appliesFrom: '2026-07-01',
            appliesUntil: '2026-07-12',
            duration: { amount: 12, unit: 'weeks' },
          },
        ];
      }),
      provisions: defaultPolicyPack.provisions,
    });
    const timersBefore = await h.engine.listClocks(before.caseId);
    await first.stop();
    firstRunning = false;
    h = await startHarness({
      start: new Date('2026-07-27T09:00:00Z'),
      clock: h.clock,
      databaseUrl: h.databaseUrl,
      redisUrl: h.redisUrl,
      queuePrefix: h.queuePrefix,
      sink: h.sink,
      victimKey: h.victimKey,
      policy: laterPack,
    });
    const second = h;
    cleanups.push(() => second.close());
    expect(await h.engine.listClocks(before.caseId)).toEqual(timersBefore);

    // The first case's review held on Mon 24 Aug: the next is 4 weeks on, Mon 21 Sep (not
    // the later pack's 12 weeks); the second stays on the version it recorded.
    await decideAt(h, before.caseId, '2026-08-24T10:00:00Z', { type: 'SUSPENSION_REVIEWED' });
    expect(await dues(h, before.caseId, 'suspension.review')).toEqual([
      endOfBstDay('2026-08-24'),
      endOfBstDay('2026-09-21'),
    ]);
    expect(
      (await lawOf(h, before.caseId)).rules.find((r) => r.id === 'suspension.review'),
    ).toMatchObject({
      version: 'suspension.review@2020-02-01',
      duration: { amount: 4, unit: 'weeks' },
    });
    // A new case on the same conduct date gets the later pack's version: suspended Mon 24
    // Aug, reviewed by Mon 16 Nov (84 days: 24 Aug + 7 = 31 Aug, + 30 = 30 Sep, + 31 = 31
    // Oct, + 16 = 16 Nov; GMT from 25 Oct).
    const fresh = await h.report({ conductDate: '2026-07-01', conductDateSource: 'psd-estimate' });
    await decideAt(h, fresh.caseId, '2026-08-24T11:00:00Z', REASONED_SUSPENSION);
    expect(await dues(h, fresh.caseId, 'suspension.review')).toEqual(['2026-11-16T23:59:59.999Z']);
    expect((await lawOf(h, fresh.caseId)).packVersion).toBe('2026.2');
  });
});

describe('suspension.decision (CondR reg 11B, 2026): 3 WD once both are recorded, in either order', () => {
  it('starts with the later of the two facts, and escalates to the AA when nothing is decided', async () => {
    const h = await harnessAt('2026-07-27T09:00:00Z');
    const report = { conductDate: '2026-07-20', conductDateSource: 'victim-account' };
    const assessedFirst = await h.report(report);
    const arrestedFirst = await h.report(report);

    await decideAt(h, assessedFirst.caseId, '2026-07-27T10:00:00Z', recordMatter);
    await decideAt(h, assessedFirst.caseId, '2026-07-27T11:00:00Z', grossMisconduct);
    await decideAt(h, arrestedFirst.caseId, '2026-07-27T10:00:00Z', arrest());
    await decideAt(h, arrestedFirst.caseId, '2026-07-27T10:30:00Z', recordMatter);
    // One fact each: nothing is owed yet.
    expect(await dues(h, assessedFirst.caseId, 'suspension.decision')).toEqual([]);
    expect(await dues(h, arrestedFirst.caseId, 'suspension.decision')).toEqual([]);

    // The second fact on Tue 28 Jul: 3 WD from the next working day, Wed 29, Thu 30, Fri 31.
    await decideAt(h, assessedFirst.caseId, '2026-07-28T10:00:00Z', arrest());
    await decideAt(h, arrestedFirst.caseId, '2026-07-28T11:00:00Z', grossMisconduct);
    expect(await dues(h, assessedFirst.caseId, 'suspension.decision')).toEqual([
      endOfBstDay('2026-07-31'),
    ]);
    expect(await dues(h, arrestedFirst.caseId, 'suspension.decision')).toEqual([
      endOfBstDay('2026-07-31'),
    ]);
    // The AA owes it.
    const aaTasks = (await h.as('aa-1', { method: 'GET', url: '/people/aa-1/tasks' })).json() as {
      caseId: string;
      ruleId: string;
    }[];
    expect(
      aaTasks.filter((task) => task.ruleId === 'suspension.decision').map((task) => task.caseId),
    ).toEqual(expect.arrayContaining([assessedFirst.caseId, arrestedFirst.caseId]));

    // One is decided (suspended) on Thu 30 Jul; the other is left. Its ladder: due Fri 31
    // Jul, the Head of PSD at due + 1 WD (Mon 3 Aug), the AA at due + 2 WD (Tue 4 Aug).
    await decideAt(h, assessedFirst.caseId, '2026-07-30T10:00:00Z', REASONED_SUSPENSION);
    await h.time.advanceTo(new Date('2026-08-05T09:00:00Z'));
    const escalations = async (caseId: string) =>
      (await h.engine.listEvents(caseId))
        .filter(
          (event) => event.ruleId === 'suspension.decision' && event.type === 'clock.escalated',
        )
        .map((event) => ({
          at: event.occurredAt,
          roles: (event.payload as { notified: { role: string }[] }).notified.map((n) => n.role),
        }));
    expect(await escalations(arrestedFirst.caseId)).toEqual([
      { at: endOfBstDay('2026-08-03'), roles: ['head-of-psd'] },
      { at: endOfBstDay('2026-08-04'), roles: ['appropriate-authority'] },
    ]);
    expect(await escalations(assessedFirst.caseId)).toEqual([]);
    const met = (await h.engine.listClocks(assessedFirst.caseId)).find(
      (clock) => clock.ruleId === 'suspension.decision',
    );
    expect(met).toMatchObject({ status: 'met', stoppedBy: 'suspended' });
  });
});

describe('an arrest for a listed domestic abuse offence (CondR reg 11C, 2026)', () => {
  it('makes "not suspended" without exceptional circumstances a 422 naming gate.suspension; with them it is recorded', async () => {
    const h = await harnessAt('2026-07-27T09:00:00Z');
    const { caseId } = await h.report({
      conductDate: '2026-07-20',
      conductDateSource: 'victim-account',
    });
    await decideAt(
      h,
      caseId,
      '2026-07-27T10:00:00Z',
      arrest('non-fatal strangulation or suffocation (Serious Crime Act 2015 s75A)'),
    );
    const notSuspended = {
      type: 'SUSPENSION_NOT_REQUIRED',
      neitherConditionHolds: NEITHER_CONDITION_HOLDS,
    };
    const refused = await refusedAt(h, caseId, '2026-07-27T11:00:00Z', notSuspended);
    expect(refused.gate).toBe('gate.suspension');
    expect(JSON.stringify(refused)).toContain('exceptional circumstances');
    // Nor may the officer simply be restricted instead.
    const restricted = await refusedAt(h, caseId, '2026-07-27T11:00:00Z', {
      type: 'RESTRICTED',
      restrictions: ['no contact with the public'],
    });
    expect(restricted.gate).toBe('gate.suspension');

    const exceptional =
      'The officer is in hospital under guard and cannot work or contact the victim.';
    await decideAt(h, caseId, '2026-07-27T12:00:00Z', {
      ...notSuspended,
      exceptionalCircumstances: exceptional,
    });
    const recorded = (await h.engine.listEvents(caseId)).find(
      (event) => event.type === 'suspension.not.required',
    );
    expect(recorded?.payload).toMatchObject({ exceptionalCircumstances: exceptional });
    const view = (await h.as('inv-1', { method: 'GET', url: `/cases/${caseId}` })).json();
    expect(view.state).toMatchObject({ open: { deployment: 'unrestricted' } });
  });
});

describe('the vetting route (Police (Vetting) Regulations 2025)', () => {
  it('a referral run to withdrawal records dismissal without notice, tells the victim, and the case closes only after the appeal window', async () => {
    // Allegation received Mon 2 Jun 2025 (after 28 May 2025: SI 2025/558 reg 64), a conduct
    // matter outside Schedule 3.
    const h = await harnessAt('2025-06-02T09:00:00Z');
    const { caseId } = await h.report({
      conductDate: '2025-05-20',
      conductDateSource: 'documentary-record',
    });
    await assessForVetting(h, caseId);
    await decideAt(h, caseId, '2025-06-02T11:30:00Z', { type: 'NO_RESTRICTION_DECIDED' });
    // Each clock a policy default (unverified), counted from the next working day:
    // referral 2 WD (Tue 3, Wed 4 Jun).
    expect(await dues(h, caseId, 'vetting.referral')).toEqual([endOfBstDay('2025-06-04')]);
    await decideAt(h, caseId, '2025-06-03T10:00:00Z', { type: 'VETTING_REFERRED' });
    // Notice 5 WD from Tue 3 Jun: 4, 5, 6, 9, 10 Jun.
    expect(await dues(h, caseId, 'vetting.notice')).toEqual([endOfBstDay('2025-06-10')]);
    await decideAt(h, caseId, '2025-06-04T10:00:00Z', { type: 'VETTING_NOTICE_SERVED' });
    // Representations 10 WD from Wed 4 Jun: 5, 6, 9-13, 16, 17, 18 Jun. The officer makes
    // none; the window closes at its end and the outcome (10 WD) runs from it: 19, 20,
    // 23-27, 30 Jun, 1, 2 Jul.
    expect(await dues(h, caseId, 'vetting.representations')).toEqual([endOfBstDay('2025-06-18')]);
    await h.time.advanceTo(new Date('2025-06-19T09:00:00Z'));
    expect(await dues(h, caseId, 'vetting.outcome')).toEqual([endOfBstDay('2025-07-02')]);

    // Clearance withdrawn on Fri 20 Jun: dismissal without notice. The victim is told within
    // 5 WD (23-27 Jun); the officer may appeal within 10 WD (23 Jun - 4 Jul).
    await decideAt(h, caseId, '2025-06-20T10:00:00Z', {
      type: 'VETTING_OUTCOME_DECIDED',
      withdrawn: true,
    });
    expect(await dues(h, caseId, 'victim.outcome-notice')).toEqual([endOfBstDay('2025-06-27')]);
    expect(await dues(h, caseId, 'vetting.appeal')).toEqual([endOfBstDay('2025-07-04')]);
    const view = (await h.as('inv-1', { method: 'GET', url: `/cases/${caseId}` })).json();
    expect(view.state).toMatchObject({
      open: { vetting: 'appealWindow', decision: 'outcomeRecorded' },
    });
    await decideAt(h, caseId, '2025-06-24T10:00:00Z', { type: 'VICTIM_TOLD_OUTCOME' });
    expect(
      (await h.engine.listClocks(caseId)).find((c) => c.ruleId === 'victim.outcome-notice'),
    ).toMatchObject({ status: 'met' });

    // The victim is told, but the vetting track has not ended: closure is refused.
    const early = await refusedAt(h, caseId, '2025-06-25T10:00:00Z', { type: 'CASE_CLOSED' });
    expect(early.gate).toBe('gate.closure');
    expect(JSON.stringify(early)).toContain('vetting withdrawal assessment');

    // No appeal by the end of Fri 4 Jul: the route concludes, and the case may close.
    await decideAt(h, caseId, '2025-07-07T10:00:00Z', { type: 'CASE_CLOSED' });
    const closed = (await h.as('inv-1', { method: 'GET', url: `/cases/${caseId}` })).json();
    expect(closed.state).toBe('closed');
  });

  it('is decided by the vetting authority acting for the case: the vetting manager, never the AA, an unrelated investigator or a role holder in the barred line chain', async () => {
    // A force vetting manager in the directory; the inspector in subj-1's line chain
    // (sgt-1 → insp-1) is given the role too, by the AA with a rationale.
    const h = await startWithVettingManager();
    const grant = (as: string, body: object) =>
      h.as(as, { method: 'POST', url: '/directory/people/insp-1/roles', payload: body });
    const selfGrant = await h.as('fvm-1', {
      method: 'POST',
      url: '/directory/people/fvm-1/roles',
      payload: { action: 'revoke', role: 'vetting-authority', rationale: RATIONALE },
    });
    expect(selfGrant.statusCode, selfGrant.body).toBe(403);
    const byHead = await grant('head-1', {
      action: 'grant',
      role: 'vetting-authority',
      rationale: RATIONALE,
    });
    expect(byHead.statusCode, byHead.body).toBe(403);
    const granted = await grant('aa-1', {
      action: 'grant',
      role: 'vetting-authority',
      rationale: 'Deputy vetting manager for the unit.',
    });
    expect(granted.statusCode, granted.body).toBe(200);

    const { caseId } = await h.report({
      conductDate: '2025-05-20',
      conductDateSource: 'documentary-record',
    });
    const view = (await h.as('aa-1', { method: 'GET', url: `/cases/${caseId}` })).json();
    expect(view.actingFor.vettingAuthority).toEqual({
      personId: 'fvm-1',
      basis: 'vetting-authority',
      about: 'vetting authority (the force vetting manager)',
    });
    // The inspector holds the role but is in the subject's barred line chain: sees nothing.
    const barred = await h.as('insp-1', { method: 'GET', url: `/cases/${caseId}` });
    expect(barred.statusCode).toBe(404);

    // Need-to-know follows the vetting route. Before the AA refers the matter the vetting
    // manager has no part in the case: every way in answers exactly as for a missing case.
    const missingId = '00000000-0000-4000-8000-000000000000';
    const asFvm = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
      h.as('fvm-1', { method, url, ...(payload ? { payload } : {}) });
    const sameAsMissing = async (
      method: 'GET' | 'PUT' | 'POST',
      path: string,
      payload?: object,
    ) => {
      const hidden = await asFvm(method, `/cases/${caseId}${path}`, payload);
      const missing = await asFvm(method, `/cases/${missingId}${path}`, payload);
      expect(hidden.statusCode, `${method} ${path}`).toBe(404);
      expect(hidden.body.replaceAll(caseId, ':id'), `${method} ${path}`).toBe(
        missing.body.replaceAll(missingId, ':id'),
      );
    };
    const notice = { type: 'VETTING_NOTICE_SERVED', rationale: RATIONALE };
    await sameAsMissing('GET', '');
    await sameAsMissing('GET', '/events');
    await sameAsMissing('GET', '/clocks');
    await sameAsMissing('GET', '/victim');
    await sameAsMissing('POST', '/decisions', notice);
    const listedFor = async (personId: string) => {
      const list = await h.as(personId, { method: 'GET', url: '/cases?status=all&limit=200' });
      expect(list.statusCode, list.body).toBe(200);
      return (list.json().cases as { caseId: string }[]).map((entry) => entry.caseId);
    };
    expect(await listedFor('fvm-1')).not.toContain(caseId);
    expect(await listedFor('aa-1')).toContain(caseId);
    const inboxOf = async (personId: string) => {
      const inbox = await h.as(personId, { method: 'GET', url: `/people/${personId}/tasks` });
      expect(inbox.statusCode, inbox.body).toBe(200);
      return inbox.json() as { caseId: string; ruleId: string; mayDecide: boolean }[];
    };
    expect((await inboxOf('fvm-1')).filter((task) => task.caseId === caseId)).toEqual([]);
    // Each attempt is logged as refused, with why (the answer itself never says).
    const early = await h.runtime.db.prisma.accessLogEntry.findMany({
      where: { caseId, personId: 'fvm-1' },
    });
    expect(early.length).toBe(5);
    expect(new Set(early.map((entry) => `${entry.allowed}:${entry.reason}`))).toEqual(
      new Set(['false:vetting-route-not-open']),
    );

    await assessForVetting(h, caseId);
    // The severity assessment refers the matter: the vetting manager now reads the case and
    // finds it in its list, but never the victim's data (it does not work with the victim).
    const opened = await asFvm('GET', `/cases/${caseId}`);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(await listedFor('fvm-1')).toContain(caseId);
    for (const [method, payload] of [
      ['GET', undefined],
      [
        'PUT',
        { name: 'Victim', contact: { phone: '07700 900123' }, preferences: { channel: 'phone' } },
      ],
    ] as const) {
      const victim = await asFvm(method, `/cases/${caseId}/victim`, payload);
      expect(victim.statusCode, `${method} victim: ${victim.body}`).toBe(403);
    }
    // The referral is the AA's; the route after it the vetting authority's.
    const byVa = await h.decideAt(
      caseId,
      '2025-06-03T10:00:00Z',
      { type: 'VETTING_REFERRED', rationale: RATIONALE },
      'fvm-1',
    );
    expect(byVa.statusCode).toBe(422);
    expect(byVa.json().gate).toBe('gate.decision-rights');
    await decideAt(h, caseId, '2025-06-03T10:05:00Z', { type: 'VETTING_REFERRED' });

    // The web case page offers the notice to the vetting manager, not to the AA.
    const web = await startWeb(h);
    cleanups.push(() => web.app.close());
    const casePageAs = async (personId: string) => {
      const { cookie } = await demoSignIn(web.app, personId);
      const get = (url: string) => web.app.inject({ method: 'GET', url, headers: { cookie } });
      return { html: (await get(`/cases/${caseId}`)).body, get };
    };
    const formLink = `href="/cases/${caseId}/decisions/VETTING_NOTICE_SERVED"`;
    const asVa = await casePageAs('fvm-1');
    expect(asVa.html).toContain(formLink);
    expect((await asVa.get(`/cases/${caseId}/decisions/VETTING_NOTICE_SERVED`)).statusCode).toBe(
      200,
    );
    const asAa = await casePageAs('aa-1');
    expect(asAa.html).not.toContain(formLink);
    expect(asAa.html).toContain('the vetting authority for this case (fvm-1');

    // The notice clock's task is the vetting manager's, in its inbox with the decision it meets.
    const tasks = await h.runtime.db.prisma.task.findMany({
      where: { caseId, ruleId: 'vetting.notice' },
    });
    expect(tasks.map((task) => task.assigneeId)).toEqual(['fvm-1']);
    expect((await inboxOf('fvm-1')).filter((task) => task.caseId === caseId)).toMatchObject([
      { ruleId: 'vetting.notice', mayDecide: true },
    ]);
    // Past its due day (Tue 10 Jun) the notice is at risk on the vetting manager's desk: the
    // escalation and the case, counting only the vetting clock past due.
    await h.time.advanceTo(new Date('2025-06-11T09:00:00Z'));
    const desk = (await asVa.get('/desk')).body;
    const [waiting, atRisk] = desk.split('Cases at risk');
    expect(waiting).toContain('Escalations waiting on you (1)');
    expect(waiting).toContain('Give the officer written notice of the withdrawal assessment');
    expect(atRisk).toContain(`href="/cases/${caseId}"`);
    expect(atRisk).toContain('1 clock past due');
    for (const [who, status, gate] of [
      ['aa-1', 422, 'gate.decision-rights'],
      ['inv-1', 422, 'gate.decision-rights'],
      ['insp-1', 404, undefined],
      ['inv-2', 404, undefined],
    ] as const) {
      const refused = await h.decide(caseId, notice, who);
      expect(refused.statusCode, `${who}: ${refused.body}`).toBe(status);
      if (gate) expect(refused.json().gate, who).toBe(gate);
    }
    const served = await h.decide(caseId, notice, 'fvm-1');
    expect(served.statusCode, served.body).toBe(200);
    const event = (await h.engine.listEvents(caseId)).find(
      (e) => e.type === 'vetting.notice.served',
    );
    expect(event).toMatchObject({ actorId: 'fvm-1', actorRole: 'vetting-authority' });

    // The route ends (clearance retained): the vetting manager still reads the case and its
    // own decisions on it, and still not the victim's data.
    const decideAsFvm = async (decision: object) => {
      const response = await h.decide(caseId, { rationale: RATIONALE, ...decision }, 'fvm-1');
      expect(response.statusCode, response.body).toBe(200);
    };
    await decideAsFvm({ type: 'VETTING_REPRESENTATIONS_RECEIVED' });
    await decideAsFvm({ type: 'VETTING_OUTCOME_DECIDED', withdrawn: false });
    const after = await asFvm('GET', `/cases/${caseId}`);
    expect(after.statusCode, after.body).toBe(200);
    expect(after.json().state).toMatchObject({ open: { vetting: 'concluded' } });
    expect((await asFvm('GET', `/cases/${caseId}/events`)).statusCode).toBe(200);
    expect((await asFvm('GET', `/cases/${caseId}/victim`)).statusCode).toBe(403);
  });

  it("leaves the AA's overdue referral off the vetting manager's desk: only the clocks it owes put a case at risk there", async () => {
    const h = await startWithVettingManager();
    const { caseId } = await h.report({
      conductDate: '2025-05-20',
      conductDateSource: 'documentary-record',
    });
    await assessForVetting(h, caseId);
    // The referral (the AA's, 2 working days) is past due; nothing the vetting manager owes is.
    await h.time.advanceTo(new Date('2025-06-09T09:00:00Z'));
    const web = await startWeb(h);
    cleanups.push(() => web.app.close());
    const atRiskOn = async (personId: string) => {
      const { cookie } = await demoSignIn(web.app, personId);
      const desk = await web.app.inject({ method: 'GET', url: '/desk', headers: { cookie } });
      expect(desk.statusCode).toBe(200);
      return desk.body.split('Cases at risk')[1] ?? '';
    };
    expect(await atRiskOn('aa-1')).toContain(`href="/cases/${caseId}"`);
    const vettingDesk = await atRiskOn('fvm-1');
    expect(vettingDesk).not.toContain(`href="/cases/${caseId}"`);
    // It still reads the case: the route is open, only the clock is not its own.
    expect((await h.as('fvm-1', { method: 'GET', url: `/cases/${caseId}` })).statusCode).toBe(200);
  });

  it('is refused on an allegation received Tue 27 May 2025 (gate.severity-vetting)', async () => {
    const h = await harnessAt('2025-05-27T09:00:00Z');
    const { caseId } = await h.report({
      conductDate: '2025-05-20',
      conductDateSource: 'victim-account',
    });
    await decideAt(h, caseId, '2025-05-27T10:00:00Z', { ...recordMatter, underSchedule3: false });
    const refused = await refusedAt(h, caseId, '2025-05-27T11:00:00Z', {
      type: 'SEVERITY_ASSESSED',
      level: 'refer-to-vetting',
    });
    expect(refused.gate).toBe('gate.severity-vetting');
  });
});

describe('the web application reads each rule as the case runs it', () => {
  it("shows the case's own version of the suspension review: its title and source on the case page, the desk and the task list", async () => {
    const h = await harnessAt('2026-07-27T09:00:00Z');
    const web = await startWeb(h);
    cleanups.push(() => web.app.close());
    const old = await h.report({ conductDate: '2026-07-01', conductDateSource: 'victim-account' });
    const inScope = await h.report({
      conductDate: '2026-07-20',
      conductDateSource: 'victim-account',
    });
    await decideAt(h, old.caseId, '2026-07-27T11:00:00Z', REASONED_SUSPENSION);
    await decideAt(h, inScope.caseId, '2026-07-27T11:00:00Z', REASONED_SUSPENSION);

    const { cookie } = await demoSignIn(web.app, 'aa-1');
    const get = async (url: string) => {
      const response = await web.app.inject({ method: 'GET', url, headers: { cookie } });
      expect(response.statusCode, url).toBe(200);
      return response.body;
    };
    const reviewRow = (html: string) =>
      /<tr class="govuk-table__row" data-rule="suspension\.review">([\s\S]*?)<\/tr>/.exec(
        html,
      )?.[1] ?? '';

    const oldRow = reviewRow(await get(`/cases/${old.caseId}`));
    expect(oldRow).toContain('Review the suspension or restriction');
    expect(oldRow).not.toContain('reg 11B');
    const newRow = reviewRow(await get(`/cases/${inScope.caseId}`));
    expect(newRow).toContain('Review the suspension within 12 weeks');
    expect(newRow).toContain('reg 11B');

    // The AA's desk lists both reviews, each with its own version's source.
    const desk = await get('/desk');
    const rowOf = (reference: string) =>
      new RegExp(
        `<tr class="govuk-table__row">(?:(?!</tr>)[\\s\\S])*?${reference}(?:(?!</tr>)[\\s\\S])*?</tr>`,
      ).exec(desk)?.[0] ?? '';
    expect(rowOf(old.reference)).toContain('reg 11; Home Office guidance');
    expect(rowOf(inScope.reference)).toContain('reg 11B');
    const tasks = await get('/tasks');
    expect(tasks).toContain('Review the suspension within 12 weeks');
    expect(tasks).toContain('Review the suspension or restriction');
  });
});
