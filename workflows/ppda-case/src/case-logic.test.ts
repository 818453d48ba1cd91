import { describe, expect, it } from 'vitest';
import {
  activeClocks,
  applyEvent,
  persistCase,
  restoreCase,
  startCase,
  type TCaseSnapshot,
} from './case-logic.ts';
import { REFERRAL_CRITERIA, type TCaseEvent, type TReferralCriterion } from './events.ts';

const RECEIVED_AT = '2025-03-03T10:00:00.000Z';
const AT = '2025-03-03T11:00:00.000Z';
const RATIONALE = 'Reasons recorded by the PSD officer.';

function start(referralCriteriaMet: TReferralCriterion[] = []): TCaseSnapshot {
  return startCase({ reference: 'PPDA-25-7KQ3XW', receivedAt: RECEIVED_AT, referralCriteriaMet });
}

/** Apply an event the case must accept. */
function accept(snapshot: TCaseSnapshot, event: TCaseEvent): TCaseSnapshot {
  const result = applyEvent(snapshot, event);
  if (!result.ok) throw new Error(`refused: ${result.refusal.gate}: ${result.refusal.reason}`);
  return result.next;
}

/** Apply an event the case must refuse. */
function refuse(snapshot: TCaseSnapshot, event: TCaseEvent): { gate: string; reason: string } {
  const result = applyEvent(snapshot, event);
  if (result.ok) throw new Error(`${event.type} was accepted`);
  return result.refusal;
}

const matterRecorded: TCaseEvent = {
  type: 'MATTER_RECORDED',
  asConductMatter: true,
  asComplaint: false,
  rationale: RATIONALE,
  at: AT,
};

function notReferred(criteria: readonly TReferralCriterion[]): TCaseEvent {
  return {
    type: 'IOPC_REFERRAL_DECIDED',
    referred: false,
    rationale: RATIONALE,
    criteriaRationale: Object.fromEntries(criteria.map((criterion) => [criterion, RATIONALE])),
    at: AT,
  };
}

function dueRung(ruleId: string, kind: 'reminder' | 'due' = 'due'): TCaseEvent {
  return { type: 'CLOCK_RUNG', ruleId, rung: kind === 'due' ? 1 : 0, kind, at: AT };
}

describe('startCase', () => {
  it('without referral criteria: awaiting record, screening, only record.decision running', () => {
    const snapshot = start();
    expect(snapshot.value).toEqual({
      recording: 'awaitingRecord',
      referral: 'screening',
      severity: 'awaitingRecording',
    });
    expect(activeClocks(snapshot)).toEqual(['record.decision']);
    expect(snapshot.context.referralCriteria).toEqual([]);
    expect(snapshot.context.overdue).toEqual([]);
  });

  it('with a referral criterion met: referral decision due and iopc.referral running', () => {
    const snapshot = start(['serious-assault']);
    expect(snapshot.value).toEqual({
      recording: 'awaitingRecord',
      referral: 'decisionDue',
      severity: 'awaitingRecording',
    });
    expect(activeClocks(snapshot)).toEqual(['iopc.referral', 'record.decision']);
    expect(snapshot.context.referralCriteria).toEqual(['serious-assault']);
  });
});

describe('applyEvent', () => {
  it('MATTER_RECORDED: recorded, severity assessment due; record.decision stops', () => {
    const next = accept(start(), matterRecorded);
    expect(next.value).toMatchObject({ recording: 'recorded', severity: 'assessmentDue' });
    expect(next.context.recordedAs).toEqual({ conductMatter: true, complaint: false });
    expect(activeClocks(next)).toEqual(['severity.assessment']);
  });

  it('refuses MATTER_RECORDED as neither a conduct matter nor a complaint (gate.recording)', () => {
    const refusal = refuse(start(), { ...matterRecorded, asConductMatter: false });
    expect(refusal.gate).toBe('gate.recording');
    expect(refusal.reason).toMatch(/conduct matter/);
  });

  it('refuses "not referred" listing exactly the criteria without a rationale', () => {
    const reasoned = REFERRAL_CRITERIA.filter(
      (criterion) => criterion !== 'serious-assault' && criterion !== 'chief-officer',
    );
    const refusal = refuse(start(['serious-assault']), notReferred(reasoned));
    expect(refusal.gate).toBe('gate.not-referred');
    expect(refusal.reason.endsWith('missing: serious-assault, chief-officer.')).toBe(true);
  });

  it('refuses an event the current state does not take, naming the state', () => {
    const recorded = accept(start(), matterRecorded);
    const refusal = refuse(recorded, { ...matterRecorded, at: '2025-03-03T12:00:00.000Z' });
    expect(refusal.gate).toBe('state');
    expect(refusal.reason).toContain('MATTER_RECORDED');
    expect(refusal.reason).toContain('recording: recorded');
    expect(refusal.reason).toContain('severity: assessmentDue');
  });

  it('refuses SEVERITY_ASSESSED before the matter is recorded', () => {
    const refusal = refuse(start(), {
      type: 'SEVERITY_ASSESSED',
      level: 'gross-misconduct',
      rationale: RATIONALE,
      at: AT,
    });
    expect(refusal.gate).toBe('state');
    expect(refusal.reason).toContain('severity: awaitingRecording');
  });

  it('REFERRAL_CRITERION_IDENTIFIED from screening starts iopc.referral', () => {
    const next = accept(start(), {
      type: 'REFERRAL_CRITERION_IDENTIFIED',
      criteria: ['serious-sexual-offence'],
      rationale: RATIONALE,
      at: AT,
    });
    expect(next.value).toMatchObject({ referral: 'decisionDue' });
    expect(next.context.referralCriteria).toEqual(['serious-sexual-offence']);
    expect(activeClocks(next)).toContain('iopc.referral');
  });

  it('accepts a fully reasoned "not referred" decision and stops iopc.referral', () => {
    const next = accept(start(['serious-assault']), notReferred(REFERRAL_CRITERIA));
    expect(next.value).toMatchObject({ referral: 'notReferred' });
    expect(next.context.referral).toEqual({ referred: false, decidedAt: AT });
    expect(activeClocks(next)).not.toContain('iopc.referral');
  });

  it('accepts a referral without per-criterion rationale', () => {
    const next = accept(start(['serious-assault']), {
      type: 'IOPC_REFERRAL_DECIDED',
      referred: true,
      rationale: RATIONALE,
      criteriaRationale: {},
      at: AT,
    });
    expect(next.value).toMatchObject({ referral: 'referred' });
    expect(next.context.referral).toEqual({ referred: true, decidedAt: AT });
  });

  it('CLOCK_RUNG due marks the rule overdue; leaving the state clears it', () => {
    const overdue = accept(start(['serious-assault']), dueRung('iopc.referral'));
    expect(overdue.context.overdue).toEqual(['iopc.referral']);
    expect(accept(overdue, dueRung('iopc.referral')).context.overdue).toEqual(['iopc.referral']);

    const decided = accept(overdue, notReferred(REFERRAL_CRITERIA));
    expect(decided.context.overdue).toEqual([]);
  });

  it('a reminder rung does not mark the rule overdue', () => {
    const next = accept(start(), dueRung('record.decision', 'reminder'));
    expect(next.context.overdue).toEqual([]);
  });

  it('recording the matter clears an overdue record.decision only', () => {
    let snapshot = accept(start(['serious-assault']), dueRung('record.decision'));
    snapshot = accept(snapshot, dueRung('iopc.referral'));
    expect(snapshot.context.overdue).toEqual(['record.decision', 'iopc.referral']);
    expect(accept(snapshot, matterRecorded).context.overdue).toEqual(['iopc.referral']);
  });
});

describe('persistCase / restoreCase', () => {
  it('round-trips through JSON and continues identically', () => {
    const original = accept(start(['serious-assault']), dueRung('iopc.referral'));
    const restored = restoreCase(JSON.parse(JSON.stringify(persistCase(original))));

    expect(restored.value).toEqual(original.value);
    expect(restored.context).toEqual(original.context);
    expect(activeClocks(restored)).toEqual(activeClocks(original));

    for (const event of [matterRecorded, notReferred(REFERRAL_CRITERIA)]) {
      const fromOriginal = accept(original, event);
      const fromRestored = accept(restored, event);
      expect(fromRestored.value).toEqual(fromOriginal.value);
      expect(fromRestored.context).toEqual(fromOriginal.context);
      expect(activeClocks(fromRestored)).toEqual(activeClocks(fromOriginal));
    }

    const refusal = refuse(restored, notReferred(['serious-assault']));
    expect(refusal).toEqual(refuse(original, notReferred(['serious-assault'])));
  });
});
