import type { TDuration } from '@ppda/calendar';
import { lawBeforeV4, type TCaseLaw } from './case-law.ts';
import {
  type TCaseInput,
  type TReferralCriterion,
  type TSeverityLevel,
  type TSubjectProfile,
  ZCaseInput,
} from './events.ts';

/**
 * Per-case settings of a clock. `epoch` is bumped when a clock is re-based (a review held,
 * an update sent): the engine then stops the running timer and arms a new one. `anchorAt`
 * and `duration` override the event time and the policy duration when the case says so.
 */
export interface TClockSettings {
  epoch: number;
  anchorAt?: string;
  duration?: TDuration;
}

export interface TCaseContext {
  reference: string;
  receivedAt: string;
  subject: TSubjectProfile;
  referralCriteria: TReferralCriterion[];
  /** Criteria the engine applied (CMR reg 7(1)(g)); a "not referred" is refused while they stand. */
  criteriaAppliedByEngine: TReferralCriterion[];
  /** The screening duty done: when, and which criteria it found (none: no referral needed). */
  referralScreening: { criteria: TReferralCriterion[]; screenedAt: string } | null;
  /** The interview date the investigator specified (CondR reg 20(3)): the window's anchor. */
  interviewDate: string | null;
  /** The law the case runs: its deciding dates and rule versions, recorded at report. */
  law: TCaseLaw;
  recordedAs: { conductMatter: boolean; complaint: boolean; underSchedule3: boolean } | null;
  referral: { referred: boolean; decidedAt: string } | null;
  iopcMode: string | null;
  severity: { level: TSeverityLevel; assessedAt: string; revisions: number } | null;
  deployment: 'undecided' | 'none' | 'suspended' | 'restricted' | 'lifted';
  /** The AA's decision not to suspend (2026 duty: with reasons), if recorded. */
  notSuspended: { decidedAt: string; exceptionalCircumstances: boolean } | null;
  /** A criminal investigation is recorded (an arrest, interview, bail, RUI or charge). */
  criminalInvestigation: boolean;
  /** The listed offence the officer was arrested for (CondR reg 11C, 2026), if any. */
  listedOffenceArrest: string | null;
  /** The vetting route (Police (Vetting) Regulations 2025), once the severity refers to it. */
  vetting: {
    status: 'referred' | 'withdrawn' | 'retained' | 'concluded';
    dismissed: boolean;
  } | null;
  investigation: { investigatorId?: string; externalForce?: string } | null;
  reg17ServedAt: string | null;
  overrunReports: number;
  pendingKeyDecisions: string[];
  risk: 'standard' | 'medium' | 'high' | null;
  criminalResult: string | null;
  victim: {
    enhancedRights: boolean;
    spocId: string | null;
    harmTestException: boolean;
    preferencesRecorded: boolean;
    toldOutcome: boolean;
  };
  outcome: { outcome: string; decidedAt: string } | null;
  iopcNotifiedOfOutcome: boolean;
  /** Rule ids whose due notice has gone out and which are not yet met. */
  overdue: string[];
  clocks: Record<string, TClockSettings>;
}

/** A new case's context, from its input (validated here): the machine's `context`. */
export function initialContext(input: TCaseInput): TCaseContext {
  const parsed = ZCaseInput.parse(input);
  // Without enhanced rights the victim's notices take 5 WD; VRR information goes with the NFA's.
  const fiveDays = { amount: 5, unit: 'working-days' } as const;
  const clocks: TCaseContext['clocks'] = parsed.victimHasEnhancedRights
    ? {}
    : {
        'victim.key-decision': { epoch: 0, duration: fiveDays },
        'victim.vrr-info': { epoch: 0, duration: fiveDays },
      };
  // CMR reg 7(1)(g): conduct of the chief officer must be referred; the engine knows the rank.
  const applied: TCaseContext['criteriaAppliedByEngine'] = parsed.subject.isChiefOfficer
    ? ['chief-officer']
    : [];
  const received = parsed.receivedAt.slice(0, 10);
  const law = parsed.law ?? lawBeforeV4(received);
  return {
    law,
    notSuspended: null,
    criminalInvestigation: false,
    listedOffenceArrest: null,
    vetting: null,
    reference: parsed.reference,
    receivedAt: parsed.receivedAt,
    subject: parsed.subject,
    referralCriteria: [...new Set([...parsed.referralCriteriaMet, ...applied])],
    criteriaAppliedByEngine: applied,
    referralScreening: null,
    interviewDate: null,
    recordedAs: null,
    referral: null,
    iopcMode: null,
    severity: null,
    deployment: 'undecided',
    investigation: null,
    reg17ServedAt: null,
    overrunReports: 0,
    pendingKeyDecisions: [],
    risk: null,
    criminalResult: null,
    victim: {
      enhancedRights: parsed.victimHasEnhancedRights,
      spocId: null,
      harmTestException: false,
      preferencesRecorded: false,
      toldOutcome: false,
    },
    outcome: null,
    iopcNotifiedOfOutcome: false,
    overdue: [],
    clocks,
  };
}
