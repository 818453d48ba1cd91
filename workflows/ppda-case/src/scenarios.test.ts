// The worked examples of shared/domain/scenarios.md at the machine + calendar level: the
// machine says which clock runs (with its per-case anchor and length), the policy pack and
// calendar say when it falls due. The engine arms its timers the same way.
import { englandAndWales } from '@ppda/calendar';
import { describe, expect, it } from 'vitest';
import { resolveRule } from './case-law.ts';
import { activeClocks, type TCaseSnapshot } from './case-logic.ts';
import { scheduleClock } from './clock-schedule.ts';
import type { TCaseEvent } from './events.ts';
import { defaultPolicyPack } from './policy-pack.ts';
import { accept, dueRung, PLAIN_INPUT, play, sample } from './test-support.ts';

/** An instant as Europe/London wall-clock time, e.g. `2025-03-19 23:59`. */
const london = (instant: Date) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/London',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(instant);

/**
 * The schedule of a clock the case runs, armed at `armedAt` (the time of the event that
 * started or re-based it) unless the case gives the clock its own anchor.
 */
function scheduleOf(snapshot: TCaseSnapshot, ruleId: string, armedAt: string) {
  const clock = activeClocks(snapshot).find((candidate) => candidate.ruleId === ruleId);
  if (!clock) throw new Error(`${ruleId} is not running`);
  const policyRule = resolveRule(defaultPolicyPack, ruleId, snapshot.context.law);
  const rule = clock.duration ? { ...policyRule, duration: clock.duration } : policyRule;
  return {
    key: clock.key,
    duty: clock.duty,
    ...scheduleClock(rule, new Date(clock.anchorAt ?? armedAt), englandAndWales),
  };
}
const dueOf = (snapshot: TCaseSnapshot, ruleId: string, armedAt: string) =>
  london(scheduleOf(snapshot, ruleId, armedAt).dueAt);

const at = <T extends TCaseEvent>(event: T, time: string): T => ({ ...event, at: time });

describe('1. referral deadline', () => {
  it('received Mon 3 Mar 2025 10:00, clearly serious assault: iopc.referral due end of Tue 4 Mar, AA at due', () => {
    const receivedAt = '2025-03-03T10:00:00.000Z';
    const snapshot = play(
      { ...PLAIN_INPUT, receivedAt, referralCriteriaMet: ['serious-assault'] },
      [],
    );
    const schedule = scheduleOf(snapshot, 'iopc.referral', receivedAt);
    expect(london(schedule.dueAt)).toBe('2025-03-04 23:59');
    expect(schedule.rungs.filter((rung) => rung.notify.includes('appropriate-authority'))).toEqual([
      expect.objectContaining({ kind: 'escalation', fireAt: schedule.dueAt }),
    ]);
  });
});

describe('2. oral suspension on Fri 14 Mar 2025', () => {
  const suspendedAt = '2025-03-14T15:30:00.000Z';
  const suspended = play(PLAIN_INPUT, [at(sample('SUSPENDED', { oral: true }), suspendedAt)]);

  it('written confirmation (the AA) due Wed 19 Mar; representations window closes Tue 25 Mar', () => {
    expect(dueOf(suspended, 'suspension.confirm-in-writing', suspendedAt)).toBe('2025-03-19 23:59');
    expect(scheduleOf(suspended, 'suspension.confirm-in-writing', suspendedAt).duty).toBe(
      'SUSPENSION_CONFIRMED_IN_WRITING',
    );
    expect(dueOf(suspended, 'suspension.representations', suspendedAt)).toBe('2025-03-25 23:59');
  });

  it('the window closes at its due rung: the clock stops, the case moves on', () => {
    const closed = accept(
      suspended,
      dueRung('suspension.representations', '2025-03-25T23:59:59.999Z'),
    );
    expect(
      closed.matches({ open: { deployment: { suspended: { representations: 'closed' } } } }),
    ).toBe(true);
    expect(activeClocks(closed).map((clock) => clock.ruleId)).not.toContain(
      'suspension.representations',
    );
  });

  it('reviews every 4 weeks, each re-based on the review held: 11 Apr, 9 May, 6 Jun', () => {
    expect(dueOf(suspended, 'suspension.review', suspendedAt)).toBe('2025-04-11 23:59');
    const firstReview = '2025-04-11T14:00:00.000+01:00';
    const reviewed = accept(suspended, at(sample('SUSPENSION_REVIEWED'), firstReview));
    expect(scheduleOf(reviewed, 'suspension.review', firstReview).key).toBe('suspension.review#1');
    expect(dueOf(reviewed, 'suspension.review', firstReview)).toBe('2025-05-09 23:59');
    const secondReview = '2025-05-09T10:00:00.000+01:00';
    const again = accept(reviewed, at(sample('SUSPENSION_REVIEWED'), secondReview));
    expect(dueOf(again, 'suspension.review', secondReview)).toBe('2025-06-06 23:59');
  });
});

describe('3. reg 17 notice over Easter', () => {
  const servedAt = '2025-04-17T11:00:00.000+01:00';
  const served = play(PLAIN_INPUT, [
    sample('MATTER_RECORDED'),
    sample('SEVERITY_ASSESSED', { level: 'misconduct' }),
    sample('INVESTIGATOR_APPOINTED'),
    at(sample('REG17_NOTICE_SERVED'), servedAt),
  ]);

  it("served Thu 17 Apr 2025: the officer's window ends Tue 6 May (skipping 18 Apr, 21 Apr, 5 May)", () => {
    expect(dueOf(served, 'officer.representations', servedAt)).toBe('2025-05-06 23:59');
  });

  it('an extension counts from the notice, not from the day it was granted', () => {
    const extendedAt = '2025-04-29T09:00:00.000+01:00';
    const extended = accept(served, at(sample('REPRESENTATIONS_WINDOW_EXTENDED'), extendedAt));
    // 15 WD from Thu 17 Apr: the 10 WD to 6 May, then 7, 8, 9, 12 and 13 May.
    expect(dueOf(extended, 'officer.representations', extendedAt)).toBe('2025-05-13 23:59');
  });
});

describe('4. victim updates', () => {
  const startedAt = '2025-03-03T09:00:00.000Z';
  const started = play({ ...PLAIN_INPUT, receivedAt: startedAt }, []);

  it('handling starts Mon 3 Mar 2025: updates due 31 Mar, 28 Apr, 26 May when each is sent on time', () => {
    expect(dueOf(started, 'victim.progress-update', startedAt)).toBe('2025-03-31 23:59');
    const first = '2025-03-31T23:59:59.999+01:00';
    const afterFirst = accept(started, at(sample('VICTIM_UPDATE_SENT'), first));
    expect(dueOf(afterFirst, 'victim.progress-update', first)).toBe('2025-04-28 23:59');
    const second = '2025-04-28T23:59:59.999+01:00';
    const afterSecond = accept(afterFirst, at(sample('VICTIM_UPDATE_SENT'), second));
    expect(dueOf(afterSecond, 'victim.progress-update', second)).toBe('2025-05-26 23:59');
  });

  it('an update actually sent on 20 Mar re-bases the next one to 17 Apr', () => {
    const sentAt = '2025-03-20T14:00:00.000Z';
    const sent = accept(started, at(sample('VICTIM_UPDATE_SENT'), sentAt));
    expect(scheduleOf(sent, 'victim.progress-update', sentAt).key).toBe('victim.progress-update#1');
    expect(dueOf(sent, 'victim.progress-update', sentAt)).toBe('2025-04-17 23:59');
  });
});

describe('5. proceedings over Christmas', () => {
  const suppliedAt = '2025-12-01T10:00:00.000Z';
  const respondedAt = '2025-12-22T16:00:00.000Z';
  const toChairAt = '2026-01-05T09:00:00.000Z';
  const hearing = play(PLAIN_INPUT, [
    sample('MATTER_RECORDED'),
    sample('SEVERITY_ASSESSED', { level: 'misconduct' }),
    sample('INVESTIGATOR_APPOINTED'),
    sample('REG17_NOTICE_SERVED'),
    sample('FINAL_REPORT_SUBMITTED'),
    sample('CASE_TO_ANSWER_DECIDED', { forum: 'hearing' }),
  ]);

  it('documents supplied Mon 1 Dec 2025: response due Mon 22 Dec (15 WD)', () => {
    const supplied = accept(hearing, at(sample('DOCUMENTS_SUPPLIED_TO_OFFICER'), suppliedAt));
    expect(dueOf(supplied, 'proceedings.response', suppliedAt)).toBe('2025-12-22 23:59');
  });

  it('response given 22 Dec: witness lists (the AA) due Mon 29 Dec (3 WD, skipping 25-26 Dec)', () => {
    const responded = [
      at(sample('DOCUMENTS_SUPPLIED_TO_OFFICER'), suppliedAt),
      at(sample('OFFICER_RESPONSE_RECEIVED'), respondedAt),
    ].reduce(accept, hearing);
    expect(dueOf(responded, 'proceedings.witness-lists', respondedAt)).toBe('2025-12-29 23:59');
    expect(scheduleOf(responded, 'proceedings.witness-lists', respondedAt).duty).toBe(
      'WITNESS_LISTS_SUPPLIED',
    );
  });

  it('documents reach the chair Mon 5 Jan 2026: pre-hearing by Mon 26 Jan 2026 (15 WD)', () => {
    const withChair = [
      at(sample('DOCUMENTS_SUPPLIED_TO_OFFICER'), suppliedAt),
      at(sample('OFFICER_RESPONSE_RECEIVED'), respondedAt),
      sample('WITNESS_LISTS_SUPPLIED'),
      at(sample('DOCUMENTS_SENT_TO_CHAIR'), toChairAt),
    ].reduce(accept, hearing);
    expect(dueOf(withChair, 'proceedings.prehearing', toChairAt)).toBe('2026-01-26 23:59');
  });
});
