// The law on the day (rules.md, last section; issue 14): which version of a rule a case runs
// is decided by its own dates, recorded at report, and never moved by a later pack; the 2026
// suspension duties and the vetting route reach only the cases in their scope.
import { describe, expect, it } from 'vitest';
import { lawOfCase, PRE_V4_SUSPENSION_REVIEW, resolveRule, type TCaseLaw } from './case-law.ts';
import { activeClocks, type TCaseSnapshot } from './case-logic.ts';
import type { TCaseEvent, TCaseInput } from './events.ts';
import { applyForcePolicy, PolicyOverrideError } from './force-policy.ts';
import { closureBlockers } from './gates.ts';
import {
  defaultPolicyPack,
  findRule,
  IN_FORCE_2026,
  LISTED_OFFENCES_UNVERIFIED,
  type TPolicyPack,
  type TPolicyPackInput,
  ZPolicyPack,
} from './policy-pack.ts';
import { accept, dueRung, PLAIN_INPUT, play, RATIONALE, refuse, sample } from './test-support.ts';

const REASON = 'Reasons given in full by the appropriate authority.';

const lawFor = (
  conductDate: string,
  allegationDate: string,
  pack: TPolicyPack = defaultPolicyPack,
): TCaseLaw =>
  lawOfCase(pack, { conductDate, conductDateSource: 'victim-account', allegationDate });

/** A case reported at 09:00 London time on `received`, about conduct on `conduct`. */
function inputFor(
  conduct: string,
  received: string,
  pack: TPolicyPack = defaultPolicyPack,
): TCaseInput {
  return {
    ...PLAIN_INPUT,
    receivedAt: `${received}T08:00:00.000Z`,
    law: lawFor(conduct, received, pack),
  };
}

const at = <T extends TCaseEvent>(event: T, time: string): T => ({ ...event, at: time });
const weeks = (amount: number) => ({ amount, unit: 'weeks' as const });
const wd = (amount: number) => ({ amount, unit: 'working-days' as const });
const running = (snapshot: TCaseSnapshot) => activeClocks(snapshot).map((clock) => clock.ruleId);

const recordNonSchedule3 = {
  type: 'MATTER_RECORDED',
  asConductMatter: true,
  asComplaint: false,
  underSchedule3: false,
  rationale: RATIONALE,
  at: '2026-07-27T10:00:00.000Z',
} as const satisfies TCaseEvent;
const notSuspended = (extra: Record<string, unknown> = {}): TCaseEvent => ({
  type: 'SUSPENSION_NOT_REQUIRED',
  neitherConditionHolds: {
    investigationNotPrejudiced: 'The evidence is secured and the witnesses are protected.',
    publicInterestDoesNotRequire: 'Restricted duties away from the public meet the risk.',
  },
  rationale: RATIONALE,
  at: '2026-07-27T11:00:00.000Z',
  ...extra,
});
const arrest = (offence?: string): TCaseEvent => ({
  type: 'CRIMINAL_DECISION_RECORDED',
  decision: 'arrest',
  ...(offence ? { offence } : {}),
  rationale: RATIONALE,
  at: '2026-07-28T10:00:00.000Z',
});
const grossMisconduct: TCaseEvent = {
  type: 'SEVERITY_ASSESSED',
  level: 'gross-misconduct',
  rationale: RATIONALE,
  at: '2026-07-28T12:00:00.000Z',
};

describe('the version a case runs is decided by its own date', () => {
  it('conduct on Sun 12 July 2026 keeps the 4-weekly review and no 2026 duty; on Mon 13 July it runs them', () => {
    const before = lawFor('2026-07-12', '2026-08-03');
    expect(before.ruleVersions['suspension.review']).toBe('suspension.review@2020-02-01');
    expect(resolveRule(defaultPolicyPack, 'suspension.review', before).duration).toEqual(weeks(4));
    expect(before.ruleVersions).not.toHaveProperty('suspension.decision');
    expect(before.provisions).not.toHaveProperty('suspension.duty');
    expect(before.provisions).not.toHaveProperty('suspension.listed-offence-arrest');
    expect(before.listedOffences).toEqual([]);

    const after = lawFor('2026-07-13', '2026-08-03');
    expect(after.ruleVersions['suspension.review']).toBe('suspension.review@2026-07-13');
    expect(resolveRule(defaultPolicyPack, 'suspension.review', after).duration).toEqual(weeks(12));
    expect(resolveRule(defaultPolicyPack, 'suspension.decision', after).duration).toEqual(wd(3));
    expect(after.provisions).toMatchObject({
      'suspension.duty': 'suspension.duty@2026-07-13',
      'suspension.listed-offence-arrest': 'suspension.listed-offence-arrest@2026-07-13',
    });
    expect(after.listedOffences).toEqual(LISTED_OFFENCES_UNVERIFIED);
  });

  it('the 2026 duties follow the conduct date, not the day the allegation came in', () => {
    // Conduct before 13 July reported long after it: still the old law.
    const oldConduct = lawFor('2026-07-01', '2026-09-01');
    expect(oldConduct.ruleVersions['suspension.review']).toBe(PRE_V4_SUSPENSION_REVIEW);
    expect(oldConduct.provisions).not.toHaveProperty('suspension.duty');
  });

  it('an allegation of Tue 27 May 2025 cannot be referred to vetting; one of Wed 28 May 2025 can (SI 2025/558 reg 64)', () => {
    const before = lawFor('2025-01-10', '2025-05-27');
    expect(before.provisions).not.toHaveProperty('severity.refer-to-vetting');
    expect(before.ruleVersions).not.toHaveProperty('vetting.referral');

    const after = lawFor('2025-01-10', '2025-05-28');
    expect(after.provisions['severity.refer-to-vetting']).toBe(
      'severity.refer-to-vetting@2025-05-28',
    );
    expect(after.ruleVersions['vetting.referral']).toBe('vetting.referral@2025-05-28');
    // Decided by the allegation date: the same old conduct, so the conduct date cannot be it.
    expect(after.conductDate).toBe(before.conductDate);
    expect(after.vettingReachesSchedule3).toBe(false);
  });

  it('a rule with several versions is never read without the case law', () => {
    expect(() => findRule(defaultPolicyPack, 'suspension.review')).toThrow(/2 versions/);
    expect(() => resolveRule(defaultPolicyPack, 'suspension.review')).toThrow(/no version/);
    // A rule with one version needs no dates.
    expect(resolveRule(defaultPolicyPack, 'iopc.referral').duration).toEqual({
      amount: 1,
      unit: 'calendar-days',
    });
  });
});

/** The default pack as input, with `change` applied to its rules or provisions. */
function packWith(change: (input: TPolicyPackInput) => TPolicyPackInput) {
  return ZPolicyPack.safeParse(
    change({
      version: 'test',
      rules: defaultPolicyPack.rules.map((rule) => ({ ...rule })),
      provisions: defaultPolicyPack.provisions.map((provision) => ({ ...provision })),
    }),
  );
}
const messagesOf = (result: ReturnType<typeof packWith>) =>
  result.success ? [] : result.error.issues.map((issue) => issue.message);

describe('versions of a rule never overlap', () => {
  it('the default pack passes its own check (12 July ends one version, 13 July starts the next)', () => {
    expect(ZPolicyPack.safeParse(defaultPolicyPack).success).toBe(true);
  });

  it('refuses a version that runs one day into the next', () => {
    const result = packWith((pack) => ({
      ...pack,
      rules: pack.rules.map((rule) =>
        rule.id === 'suspension.review' && rule.appliesFrom === '2020-02-01'
          ? { ...rule, appliesUntil: '2026-07-13' }
          : rule,
      ),
    }));
    expect(result.success).toBe(false);
    expect(messagesOf(result)).toEqual([
      'versions of suspension.review overlap: 2020-02-01..2026-07-13 and 2026-07-13..',
    ]);
  });

  it('refuses an open-ended version followed by another, and a provision added twice', () => {
    const openEnded = packWith((pack) => ({
      ...pack,
      rules: pack.rules.map((rule) =>
        rule.id === 'suspension.review' && rule.appliesFrom === '2020-02-01'
          ? { ...rule, appliesUntil: undefined }
          : rule,
      ),
    }));
    expect(messagesOf(openEnded)).toEqual([
      expect.stringMatching(/^versions of suspension\.review overlap/),
    ]);

    const twice = packWith((pack) => ({
      ...pack,
      provisions: [
        ...(pack.provisions ?? []),
        { ...defaultPolicyPack.provisions[0]!, appliesFrom: '2027-01-01' },
      ],
    }));
    expect(messagesOf(twice)).toEqual([
      expect.stringMatching(/^versions of suspension\.duty overlap/),
    ]);
  });

  it('refuses versions decided by different dates, and a version that ends before it starts', () => {
    const mixed = packWith((pack) => ({
      ...pack,
      rules: pack.rules.map((rule) =>
        rule.id === 'suspension.review' && rule.appliesFrom === IN_FORCE_2026
          ? { ...rule, decidedBy: 'allegation-date' }
          : rule,
      ),
    }));
    expect(messagesOf(mixed)).toContain(
      'versions of suspension.review are decided by different dates (conduct-date, allegation-date)',
    );
    const backwards = packWith((pack) => ({
      ...pack,
      rules: pack.rules.map((rule) =>
        rule.id === 'vetting.notice' ? { ...rule, appliesUntil: '2025-01-01' } : rule,
      ),
    }));
    expect(messagesOf(backwards)).toEqual([
      'vetting.notice applies until 2025-01-01, before it applies from 2025-05-14',
    ]);
  });
});

describe('a force override never loosens any version of a statute rule', () => {
  const override = (rules: Parameters<typeof applyForcePolicy>[1]['rules']) =>
    applyForcePolicy(defaultPolicyPack, { force: 'kent', rules });

  it('8-weekly reviews are refused: within the 2026 version (12 weeks), looser than the one before it (4)', () => {
    let refused: unknown;
    try {
      override([{ id: 'suspension.review', duration: weeks(8) }]);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(PolicyOverrideError);
    expect((refused as Error).message).toBe(
      'force policy override of suspension.review refused: 8 weeks is longer than the statutory 4',
    );
  });

  it('a 5 WD suspension decision is refused (3 WD); tightening reaches every version', () => {
    expect(() => override([{ id: 'suspension.decision', duration: wd(5) }])).toThrow(
      PolicyOverrideError,
    );
    const tightened = override([{ id: 'suspension.review', duration: weeks(4) }]);
    expect(
      resolveRule(tightened, 'suspension.review', lawFor('2026-07-20', '2026-07-27')).duration,
    ).toEqual(weeks(4));
    expect(
      resolveRule(tightened, 'suspension.review', lawFor('2026-07-01', '2026-07-27')).duration,
    ).toEqual(weeks(4));
  });

  it('a ladder that no longer tells the AA of a missed 2026 suspension decision is refused', () => {
    expect(() =>
      override([
        {
          id: 'suspension.decision',
          ladder: [{ kind: 'due', workingDaysFromDue: 0, notify: ['case-owner'] }],
        },
      ]),
    ).toThrow('the ladder no longer escalates to the appropriate authority');
  });
});

describe('a later pack never moves a live case off the versions it recorded', () => {
  // A hypothetical later pack: the 12-week review reaches conduct from 1 June 2026 and is
  // 6 weeks; the old version now ends on 31 May. A live case with conduct on 1 July 2026
  // recorded the 4-weekly version at report and keeps it.
  const laterPack = ZPolicyPack.parse({
    version: '2026.2',
    rules: defaultPolicyPack.rules.flatMap((rule) => {
      if (rule.id !== 'suspension.review') return [rule];
      return rule.appliesFrom === '2020-02-01'
        ? [{ ...rule, appliesUntil: '2026-05-31' }]
        : [{ ...rule, appliesFrom: '2026-06-01', duration: weeks(6) }];
    }),
    provisions: defaultPolicyPack.provisions.map((provision) =>
      provision.id === 'suspension.duty' ? { ...provision, appliesFrom: '2026-06-01' } : provision,
    ),
  });
  const live = play(inputFor('2026-07-01', '2026-07-06'), []);

  it('the case keeps its recorded 4-week review though a new case on the same dates gets 6', () => {
    expect(live.context.law.packVersion).toBe(defaultPolicyPack.version);
    expect(resolveRule(laterPack, 'suspension.review', live.context.law).duration).toEqual(
      weeks(4),
    );
    const fresh = lawFor('2026-07-01', '2026-07-06', laterPack);
    expect(resolveRule(laterPack, 'suspension.review', fresh).duration).toEqual(weeks(6));
    expect(fresh.provisions).toHaveProperty('suspension.duty');
  });

  it("nor do the later pack's duties reach it: a restriction needs no reasoned not-suspended", () => {
    expect(live.context.law.provisions).not.toHaveProperty('suspension.duty');
    const restricted = accept(live, at(sample('RESTRICTED'), '2026-07-06T12:00:00.000Z'));
    expect(restricted.context.deployment).toBe('restricted');
  });
});

describe('gate.suspension: the 2026 duty to suspend (conduct on or after 13 July 2026)', () => {
  const dutyCase = () => play(inputFor('2026-07-20', '2026-07-27'), []);
  const oldCase = () => play(inputFor('2026-07-12', '2026-07-27'), []);

  it('"not suspended" needs reasons why neither condition holds', () => {
    const bare = refuse(dutyCase(), {
      type: 'SUSPENSION_NOT_REQUIRED',
      rationale: RATIONALE,
      at: '2026-07-27T11:00:00.000Z',
    });
    expect(bare.gate).toBe('gate.suspension');
    expect(bare.reason).toContain('why the investigation would not be prejudiced');
    expect(bare.reason).toContain('why the public interest does not require suspension');

    const oneShort = refuse(
      dutyCase(),
      notSuspended({
        neitherConditionHolds: {
          investigationNotPrejudiced: REASON,
          publicInterestDoesNotRequire: 'n/a',
        },
      }),
    );
    expect(oneShort.gate).toBe('gate.suspension');
    expect(oneShort.reason).not.toContain('prejudiced (at least');
    expect(oneShort.reason).toContain('public interest does not require suspension');

    const decided = accept(dutyCase(), notSuspended());
    expect(decided.context.notSuspended).toEqual({
      decidedAt: '2026-07-27T11:00:00.000Z',
      exceptionalCircumstances: false,
    });
    expect(decided.matches({ open: { deployment: 'unrestricted' } })).toBe(true);
  });

  it('a restriction or "no restriction" comes after that decision, not instead of it', () => {
    expect(refuse(dutyCase(), sample('RESTRICTED')).gate).toBe('gate.suspension');
    expect(refuse(dutyCase(), sample('NO_RESTRICTION_DECIDED')).gate).toBe('gate.suspension');
    const restricted = accept(accept(dutyCase(), notSuspended()), sample('RESTRICTED'));
    // A restriction is still reviewed every 4 weeks under the 2026 law.
    expect(restricted.context.clocks['suspension.review']?.duration).toEqual(weeks(4));
  });

  it('conduct on 12 July 2026: suspension stays discretionary', () => {
    expect(accept(oldCase(), sample('RESTRICTED')).context.deployment).toBe('restricted');
    const bare = accept(oldCase(), {
      type: 'SUSPENSION_NOT_REQUIRED',
      rationale: RATIONALE,
      at: '2026-07-27T11:00:00.000Z',
    });
    expect(bare.context.deployment).toBe('none');
  });

  it('after an arrest for a listed offence, "not suspended" without exceptional circumstances is refused', () => {
    // Matched to the pack's list whatever the case of the letters.
    const arrested = accept(dutyCase(), arrest('RAPE (Sexual Offences Act 2003 s1)'));
    expect(arrested.context.listedOffenceArrest).toBe('RAPE (Sexual Offences Act 2003 s1)');
    const refused = refuse(arrested, notSuspended());
    expect(refused.gate).toBe('gate.suspension');
    expect(refused.reason).toContain('exceptional circumstances');
    expect(refused.reason).toContain('reg 11C');
    expect(refuse(arrested, notSuspended({ exceptionalCircumstances: 'too short' })).gate).toBe(
      'gate.suspension',
    );

    const accepted = accept(
      arrested,
      notSuspended({
        exceptionalCircumstances: 'The officer is in hospital and cannot work or contact anyone.',
      }),
    );
    expect(accepted.context.notSuspended?.exceptionalCircumstances).toBe(true);
  });

  it('a listed arrest after a reasoned "not suspended" reopens it: the exceptional circumstances are owed', () => {
    const decided = accept(dutyCase(), notSuspended());
    const arrested = accept(
      decided,
      arrest('controlling or coercive behaviour (Serious Crime Act 2015 s76)'),
    );
    expect(arrested.context.notSuspended).toBeNull();
    expect(refuse(arrested, notSuspended({ at: '2026-07-28T11:00:00.000Z' })).gate).toBe(
      'gate.suspension',
    );
  });

  it('an arrest for an offence off the list, or on a case before 13 July 2026, asks for none', () => {
    const unlisted = accept(dutyCase(), arrest('common assault'));
    expect(unlisted.context.listedOffenceArrest).toBeNull();
    expect(accept(unlisted, notSuspended()).context.deployment).toBe('none');

    const old = accept(oldCase(), arrest('rape (Sexual Offences Act 2003 s1)'));
    expect(old.context.listedOffenceArrest).toBeNull();
    expect(accept(old, notSuspended()).context.deployment).toBe('none');
  });
});

describe('suspension.decision (reg 11B): criminal investigation and gross misconduct, in either order', () => {
  const dutyCase = (events: TCaseEvent[]) =>
    play(inputFor('2026-07-20', '2026-07-27'), [
      at(sample('MATTER_RECORDED'), '2026-07-27T10:00:00.000Z'),
      ...events,
    ]);

  it('gross misconduct, then the arrest: the clock starts with the arrest', () => {
    const assessed = dutyCase([grossMisconduct]);
    expect(running(assessed)).not.toContain('suspension.decision');
    const both = accept(assessed, arrest());
    expect(running(both)).toContain('suspension.decision');
    expect(both.context.criminalInvestigation).toBe(true);
  });

  it('the arrest, then gross misconduct: the clock starts with the assessment', () => {
    const arrested = dutyCase([arrest()]);
    expect(running(arrested)).not.toContain('suspension.decision');
    expect(running(accept(arrested, grossMisconduct))).toContain('suspension.decision');
  });

  it('a reasoned "not suspended" meets it, as a suspension does', () => {
    const owed = dutyCase([arrest(), grossMisconduct]);
    expect(running(accept(owed, notSuspended()))).not.toContain('suspension.decision');
    const suspended = accept(
      owed,
      at(sample('SUSPENDED', { oral: false }), '2026-07-29T10:00:00.000Z'),
    );
    expect(running(suspended)).not.toContain('suspension.decision');
    expect(suspended.matches({ open: { suspensionDuty: 'decided' } })).toBe(true);
  });

  it('is not owed on misconduct, an NFA alone, or conduct before 13 July 2026', () => {
    const misconduct = dutyCase([arrest(), { ...grossMisconduct, level: 'misconduct' }]);
    expect(running(misconduct)).not.toContain('suspension.decision');
    const nfa = dutyCase([
      { ...arrest(), decision: 'no-further-action' } as TCaseEvent,
      grossMisconduct,
    ]);
    expect(running(nfa)).not.toContain('suspension.decision');
    const old = play(inputFor('2026-07-12', '2026-07-27'), [
      at(sample('MATTER_RECORDED'), '2026-07-27T10:00:00.000Z'),
      arrest(),
      grossMisconduct,
    ]);
    expect(running(old)).not.toContain('suspension.decision');
  });
});

describe('gate.severity-vetting: refer to be dealt with under the Vetting Regulations', () => {
  const referToVetting = (time: string): TCaseEvent => ({
    type: 'SEVERITY_ASSESSED',
    level: 'refer-to-vetting',
    rationale: RATIONALE,
    at: time,
  });

  it('is refused for an allegation of 27 May 2025 (reg 64), open for one of 28 May 2025', () => {
    const before = play(inputFor('2025-05-01', '2025-05-27'), [
      at(recordNonSchedule3, '2025-05-27T10:00:00.000Z'),
    ]);
    const refused = refuse(before, referToVetting('2025-05-27T12:00:00.000Z'));
    expect(refused.gate).toBe('gate.severity-vetting');
    expect(refused.reason).toContain('28 May 2025');

    const after = play(inputFor('2025-05-01', '2025-05-28'), [
      at(recordNonSchedule3, '2025-05-28T10:00:00.000Z'),
    ]);
    const referred = accept(after, referToVetting('2025-05-28T12:00:00.000Z'));
    expect(referred.matches({ open: { vetting: 'referralDue' } })).toBe(true);
    expect(running(referred)).toContain('vetting.referral');
    // No misconduct investigation is opened by it.
    expect(running(referred)).not.toContain('investigator.appointment');
  });

  it('is refused on a Schedule 3 matter (a complaint always is), unless the pack says it reaches them', () => {
    const schedule3 = play(inputFor('2025-06-02', '2025-06-02'), [
      at(sample('MATTER_RECORDED'), '2025-06-02T10:00:00.000Z'),
    ]);
    expect(refuse(schedule3, referToVetting('2025-06-02T12:00:00.000Z')).gate).toBe(
      'gate.severity-vetting',
    );
    const complaint = play(inputFor('2025-06-02', '2025-06-02'), [
      at({ ...recordNonSchedule3, asComplaint: true }, '2025-06-02T10:00:00.000Z'),
    ]);
    expect(refuse(complaint, referToVetting('2025-06-02T12:00:00.000Z')).gate).toBe(
      'gate.severity-vetting',
    );
    // A revision to it is judged the same way.
    const assessed = accept(
      schedule3,
      at(sample('SEVERITY_ASSESSED', { level: 'misconduct' }), '2025-06-02T12:00:00.000Z'),
    );
    const revised: TCaseEvent = {
      ...sample('SEVERITY_REVISED', { level: 'no-misconduct' }),
      level: 'refer-to-vetting',
      at: '2025-06-03T12:00:00.000Z',
    };
    expect(refuse(assessed, revised).gate).toBe('gate.severity-vetting');

    const reaching = ZPolicyPack.parse({
      ...defaultPolicyPack,
      provisions: defaultPolicyPack.provisions.map((provision) =>
        provision.id === 'severity.refer-to-vetting'
          ? { ...provision, reachesSchedule3: true }
          : provision,
      ),
    });
    const confirmed = play(inputFor('2025-06-02', '2025-06-02', reaching), [
      at(sample('MATTER_RECORDED'), '2025-06-02T10:00:00.000Z'),
    ]);
    expect(accept(confirmed, referToVetting('2025-06-02T12:00:00.000Z')).context.vetting).toEqual({
      status: 'referred',
      dismissed: false,
    });
  });
});

describe('the vetting route runs beside the case, and closure waits for it', () => {
  const referred = () =>
    play(inputFor('2025-06-02', '2025-06-02'), [
      at(recordNonSchedule3, '2025-06-02T10:00:00.000Z'),
      {
        type: 'SEVERITY_ASSESSED',
        level: 'refer-to-vetting',
        rationale: RATIONALE,
        at: '2025-06-02T12:00:00.000Z',
      },
      at(sample('VETTING_REFERRED'), '2025-06-03T10:00:00.000Z'),
      at(sample('VETTING_NOTICE_SERVED'), '2025-06-04T10:00:00.000Z'),
    ]);

  it('withdrawal: dismissal without notice, the victim told within the outcome clock; the appeal window closes it', () => {
    const noticed = referred();
    expect(running(noticed)).toContain('vetting.representations');
    const heard = accept(noticed, dueRung('vetting.representations', '2025-06-18T22:59:59.999Z'));
    expect(heard.matches({ open: { vetting: 'outcomeDue' } })).toBe(true);
    const withdrawn = accept(
      heard,
      at(sample('VETTING_OUTCOME_DECIDED', { withdrawn: true }), '2025-06-20T10:00:00.000Z'),
    );
    expect(withdrawn.context.vetting).toEqual({ status: 'withdrawn', dismissed: true });
    expect(withdrawn.context.outcome?.outcome).toBe(
      'vetting-clearance-withdrawn: dismissal without notice',
    );
    expect(running(withdrawn)).toEqual(
      expect.arrayContaining(['vetting.appeal', 'victim.outcome-notice']),
    );
    expect(closureBlockers(withdrawn.context)).toContain(
      'the vetting withdrawal assessment (or its appeal) has not concluded',
    );
    const closed = accept(withdrawn, dueRung('vetting.appeal', '2025-07-04T22:59:59.999Z'));
    expect(closed.context.vetting).toEqual({ status: 'concluded', dismissed: true });
    expect(closureBlockers(closed.context)).not.toContain(
      'the vetting withdrawal assessment (or its appeal) has not concluded',
    );
  });

  it('an appeal upheld restores clearance; clearance retained concludes the route', () => {
    const withdrawn = [
      at(sample('VETTING_REPRESENTATIONS_RECEIVED'), '2025-06-10T10:00:00.000Z'),
      at(sample('VETTING_OUTCOME_DECIDED', { withdrawn: true }), '2025-06-20T10:00:00.000Z'),
      at(sample('VETTING_APPEAL_LODGED'), '2025-06-23T10:00:00.000Z'),
    ].reduce(accept, referred());
    expect(withdrawn.matches({ open: { vetting: 'appealPending' } })).toBe(true);
    const upheld = accept(withdrawn, {
      type: 'VETTING_APPEAL_DECIDED',
      upheld: true,
      rationale: RATIONALE,
      at: '2025-07-10T10:00:00.000Z',
    });
    expect(upheld.context.vetting).toEqual({ status: 'concluded', dismissed: false });
    expect(upheld.context.outcome?.outcome).toBe(
      'vetting withdrawal overturned on appeal: clearance restored',
    );

    const retained = [
      at(sample('VETTING_REPRESENTATIONS_RECEIVED'), '2025-06-10T10:00:00.000Z'),
      at(sample('VETTING_OUTCOME_DECIDED', { withdrawn: false }), '2025-06-20T10:00:00.000Z'),
    ].reduce(accept, referred());
    expect(retained.context.vetting).toEqual({ status: 'concluded', dismissed: false });
    expect(running(retained).filter((ruleId) => ruleId.startsWith('vetting.'))).toEqual([]);
  });
});
