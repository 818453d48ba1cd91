import type { TDuration } from '@ppda/calendar';
import type { TReferralCriterion, TSubjectProfile } from './events.ts';

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
  recordedAs: { conductMatter: boolean; complaint: boolean } | null;
  referral: { referred: boolean; decidedAt: string } | null;
  iopcMode: string | null;
  severity: { level: string; assessedAt: string; revisions: number } | null;
  deployment: 'undecided' | 'none' | 'suspended' | 'restricted' | 'lifted';
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
