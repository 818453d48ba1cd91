import type { TDuration } from '@ppda/calendar';
import { assign, raise, setup } from 'xstate';
import type { TCaseLaw } from './case-law.ts';
import type { TCaseContext } from './context.ts';
import type { TCaseEvent, TCaseInput, TDecisionType, TEventOf, TInternalEvent } from './events.ts';
import { checkGates, closureBlockers } from './gates.ts';

// The case machine's vocabulary: its types, guards and actions. The regions (regions/) are
// state configs typed against it; machine.ts assembles them into the one machine.

/**
 * A clock a state runs: a rule id, owed by whoever may take the decision that meets it
 * (`CLOCK_DUTIES`), or with the decision that meets it here when this state differs.
 */
export type TClockDeclaration = string | { rule: string; duty: TDecisionType };

/** State meta: the clocks (rule ids) that run while the state is active, and those it pauses. */
export interface TStateMeta {
  clocks?: TClockDeclaration[];
  pauses?: string[];
}

const months = (amount: number): TDuration => ({ amount, unit: 'months' });
const weeks = (amount: number): TDuration => ({ amount, unit: 'weeks' });
/** The 2026 suspension duties (CondR reg 11 substituted, 11B, 11C) reach this case. */
const runs2026SuspensionDuty = (law: TCaseLaw) => 'suspension.duty' in law.provisions;
/** Decisions of the criminal track that show a criminal investigation is under way. */
const INVESTIGATING = new Set([
  'arrest',
  'interview',
  'bail',
  'released-under-investigation',
  'charge',
]);
const isListed = (law: TCaseLaw, offence: string | undefined) =>
  offence !== undefined &&
  law.listedOffences.some((listed) => listed.toLowerCase() === offence.toLowerCase());
const as = <T extends TCaseEvent['type']>(event: TCaseEvent | TInternalEvent, type: T) =>
  event.type === type ? (event as TEventOf<T>) : undefined;

export const caseSetup = setup({
  types: {
    context: {} as TCaseContext,
    events: {} as TCaseEvent | TInternalEvent,
    input: {} as TCaseInput,
    meta: {} as TStateMeta,
  },
  guards: {
    gatesOpen: ({ context, event }) =>
      event.type.startsWith('$') || checkGates(event as TCaseEvent, context).ok,
    referralCriteriaKnown: ({ context }) => context.referralCriteria.length > 0,
    screeningFoundCriteria: ({ event }) =>
      (as(event, 'REFERRAL_SCREENED')?.criteria.length ?? 0) > 0,
    isReferred: ({ event }) => as(event, 'IOPC_REFERRAL_DECIDED')?.referred === true,
    revisionMeetsCriteria: ({ event }) =>
      event.type === '$SEVERITY_REVISED' && event.referralCriteriaMet.length > 0,
    needsInvestigation: ({ event }) =>
      (event.type === '$SEVERITY_ASSESSED' || event.type === '$SEVERITY_REVISED') &&
      event.level !== 'no-misconduct' &&
      event.level !== 'refer-to-vetting',
    noInvestigationNeeded: ({ context }) =>
      context.severity?.level === 'no-misconduct' || context.severity?.level === 'refer-to-vetting',
    refersToVetting: ({ event }) =>
      (event.type === '$SEVERITY_ASSESSED' || event.type === '$SEVERITY_REVISED') &&
      event.level === 'refer-to-vetting',
    /** CondR reg 11B (2026): under criminal investigation and assessed as gross misconduct. */
    suspensionDecisionOwed: ({ context }) =>
      'suspension.decision' in context.law.ruleVersions &&
      context.criminalInvestigation &&
      context.severity?.level === 'gross-misconduct' &&
      context.deployment !== 'suspended' &&
      // Simplification (README): a reasoned "not suspended" already recorded stands as the
      // decision; an arrest for a listed offence clears it (reg 11C), so it is owed again.
      context.notSuspended === null,
    isWithdrawn: ({ event }) => as(event, 'VETTING_OUTCOME_DECIDED')?.withdrawn === true,
    appealUpheld: ({ event }) => as(event, 'VETTING_APPEAL_DECIDED')?.upheld === true,
    isOralSuspension: ({ event }) => as(event, 'SUSPENDED')?.oral === true,
    externalAccepted: ({ event }) => as(event, 'EXTERNAL_FORCE_RESPONDED')?.accepted === true,
    isNfa: ({ event }) => as(event, 'CRIMINAL_DECISION_RECORDED')?.decision === 'no-further-action',
    dvpoGranted: ({ event }) => as(event, 'DVPO_DECIDED')?.granted === true,
    isHighRisk: ({ event }) => as(event, 'DASH_ASSESSED')?.level === 'high',
    wasHighRisk: ({ context }) => context.risk === 'high',
    caseToAnswerAtHearing: ({ event }) => {
      const decided = as(event, 'CASE_TO_ANSWER_DECIDED');
      return decided?.caseToAnswer === true && decided.forum === 'hearing';
    },
    caseToAnswerAtMeeting: ({ event }) => {
      const decided = as(event, 'CASE_TO_ANSWER_DECIDED');
      return decided?.caseToAnswer === true && decided.forum !== 'hearing';
    },
    isFinalOutcomeTold: ({ context }) => context.outcome !== null,
    wasReferred: ({ context }) => context.referral?.referred === true,
    isDueOf: ({ event }, params: { ruleId: string }) =>
      event.type === 'CLOCK_RUNG' && event.kind === 'due' && event.ruleId === params.ruleId,
    closureFactsMet: ({ context }) => closureBlockers(context).length === 0,
    // Replaced in machine.ts by a check over every clock-bearing state, read from the machine.
    noClockRunning: () => false,
  },
  actions: {
    recordMatter: assign({
      recordedAs: ({ event }) => {
        const recorded = as(event, 'MATTER_RECORDED');
        return recorded
          ? {
              conductMatter: recorded.asConductMatter,
              complaint: recorded.asComplaint,
              underSchedule3: recorded.asComplaint || recorded.underSchedule3 !== false,
            }
          : null;
      },
    }),
    noteCriteria: assign({
      referralCriteria: ({ context, event }) => [
        ...new Set([
          ...context.referralCriteria,
          ...(as(event, 'REFERRAL_CRITERION_IDENTIFIED')?.criteria ?? []),
          ...(as(event, 'REFERRAL_SCREENED')?.criteria ?? []),
          ...(event.type === '$SEVERITY_REVISED' ? event.referralCriteriaMet : []),
        ]),
      ],
    }),
    recordScreening: assign({
      referralScreening: ({ context, event }) => {
        const screened = as(event, 'REFERRAL_SCREENED');
        return screened
          ? { criteria: screened.criteria, screenedAt: event.at }
          : context.referralScreening;
      },
    }),
    /** CondR reg 20: the alternative-date window runs from the date the investigator set. */
    recordInterviewDate: assign(({ context, event }) => {
      const date = as(event, 'INTERVIEW_DATE_SET')?.date ?? event.at;
      return {
        interviewDate: date,
        clocks: {
          ...context.clocks,
          'interview.alternative-date': {
            epoch: (context.clocks['interview.alternative-date']?.epoch ?? 0) + 1,
            anchorAt: date,
          },
        },
      };
    }),
    recordReferralDecision: assign({
      referral: ({ event }) => ({
        referred: as(event, 'IOPC_REFERRAL_DECIDED')?.referred ?? true,
        decidedAt: event.at,
      }),
    }),
    recordIopcMode: assign({
      iopcMode: ({ event }) => as(event, 'IOPC_MODE_DECIDED')?.mode ?? null,
    }),
    recordSeverity: assign({
      severity: ({ context, event }) => {
        const level = as(event, 'SEVERITY_ASSESSED')?.level ?? as(event, 'SEVERITY_REVISED')?.level;
        if (!level) return context.severity;
        const revisions = (context.severity?.revisions ?? -1) + 1;
        return { level, assessedAt: event.at, revisions };
      },
    }),
    recordNotSuspended: assign({
      notSuspended: ({ event }) => ({
        decidedAt: event.at,
        exceptionalCircumstances:
          (as(event, 'SUSPENSION_NOT_REQUIRED')?.exceptionalCircumstances?.length ?? 0) > 0,
      }),
    }),
    /** On entering a restriction under the 2026 law: its review stays at 4 weeks. */
    restrictionReviewOnEntry: assign({
      clocks: ({ context }) =>
        runs2026SuspensionDuty(context.law)
          ? {
              ...context.clocks,
              'suspension.review': {
                epoch: context.clocks['suspension.review']?.epoch ?? 0,
                duration: weeks(4),
              },
            }
          : context.clocks,
    }),
    /** A restriction is reviewed every 4 weeks under either law; a 2026 suspension at 12. */
    rebaseRestrictionReview: assign({
      clocks: ({ context }) => ({
        ...context.clocks,
        'suspension.review': {
          epoch: (context.clocks['suspension.review']?.epoch ?? 0) + 1,
          ...(runs2026SuspensionDuty(context.law) ? { duration: weeks(4) } : {}),
        },
      }),
    }),
    noteCriminalInvestigation: assign(({ context, event }) => {
      const recorded = as(event, 'CRIMINAL_DECISION_RECORDED');
      if (!recorded) return {};
      const listed =
        recorded.decision === 'arrest' &&
        'suspension.listed-offence-arrest' in context.law.provisions &&
        isListed(context.law, recorded.offence);
      return {
        criminalInvestigation:
          context.criminalInvestigation || INVESTIGATING.has(recorded.decision),
        ...(listed ? { listedOffenceArrest: recorded.offence ?? null, notSuspended: null } : {}),
      };
    }),
    openVetting: assign({ vetting: () => ({ status: 'referred' as const, dismissed: false }) }),
    /** Withdrawal of clearance: dismissal without notice (Police (Vetting) Regulations 2025). */
    recordWithdrawal: assign({
      vetting: () => ({ status: 'withdrawn' as const, dismissed: true }),
      outcome: ({ event }) => ({
        outcome: 'vetting-clearance-withdrawn: dismissal without notice',
        decidedAt: event.at,
      }),
    }),
    recordRetained: assign({ vetting: () => ({ status: 'concluded' as const, dismissed: false }) }),
    concludeVetting: assign({
      vetting: ({ context }) => ({
        status: 'concluded' as const,
        dismissed: context.vetting?.dismissed ?? false,
      }),
    }),
    recordAppealUpheld: assign({
      vetting: () => ({ status: 'concluded' as const, dismissed: false }),
      outcome: ({ event }) => ({
        outcome: 'vetting withdrawal overturned on appeal: clearance restored',
        decidedAt: event.at,
      }),
    }),
    announceVettingWithdrawal: raise(({ event }) => ({
      type: '$VETTING_WITHDRAWN' as const,
      at: event.at,
    })),
    setDeployment: assign({
      deployment: (_, params: { to: TCaseContext['deployment'] }) => params.to,
    }),
    recordInvestigator: assign({
      investigation: ({ context, event }) => {
        const appointed = as(event, 'INVESTIGATOR_APPOINTED');
        const requested = as(event, 'EXTERNAL_FORCE_REQUESTED');
        if (appointed) return { investigatorId: appointed.investigatorId };
        if (requested) return { externalForce: requested.force };
        return context.investigation;
      },
    }),
    recordReg17: assign({ reg17ServedAt: ({ event }) => event.at }),
    extendRepresentations: assign({
      clocks: ({ context, event }) => {
        const extended = as(event, 'REPRESENTATIONS_WINDOW_EXTENDED');
        const current = context.clocks['officer.representations'] ?? { epoch: 0 };
        if (!extended || !context.reg17ServedAt) return context.clocks;
        return {
          ...context.clocks,
          'officer.representations': {
            epoch: current.epoch + 1,
            anchorAt: context.reg17ServedAt,
            duration: { amount: extended.totalWorkingDays, unit: 'working-days' },
          },
        };
      },
    }),
    schedulePauseReview: assign({
      clocks: ({ context, event }) => ({
        ...context.clocks,
        'conduct-pause.review': {
          epoch: (context.clocks['conduct-pause.review']?.epoch ?? 0) + 1,
          anchorAt: as(event, 'CONDUCT_PAUSED')?.reviewDate ?? event.at,
        },
      }),
    }),
    /** Overrun reports fall at 12 months from the matter coming to attention, then every 6. */
    nextOverrunReport: assign(({ context }) => {
      const overrunReports = context.overrunReports + 1;
      return {
        overrunReports,
        clocks: {
          ...context.clocks,
          'investigation.overrun-report': {
            epoch: (context.clocks['investigation.overrun-report']?.epoch ?? 0) + 1,
            anchorAt: context.receivedAt,
            duration: months(12 + 6 * overrunReports),
          },
        },
      };
    }),
    /** Start a repeating clock again from this event (a review held, an update sent). */
    rebase: assign({
      clocks: ({ context }, params: { ruleId: string; duration?: TDuration }) => ({
        ...context.clocks,
        [params.ruleId]: {
          epoch: (context.clocks[params.ruleId]?.epoch ?? 0) + 1,
          ...(params.duration ? { duration: params.duration } : {}),
        },
      }),
    }),
    noteKeyDecision: assign({
      pendingKeyDecisions: ({ context, event }) => [
        ...context.pendingKeyDecisions,
        as(event, 'CRIMINAL_DECISION_RECORDED')?.decision ?? 'unknown',
      ],
    }),
    clearKeyDecisions: assign({ pendingKeyDecisions: () => [] }),
    setDvpoLength: assign({
      clocks: ({ context, event }) => ({
        ...context.clocks,
        'dvpo.expiry': {
          epoch: (context.clocks['dvpo.expiry']?.epoch ?? 0) + 1,
          duration: { amount: as(event, 'DVPO_DECIDED')?.days ?? 28, unit: 'calendar-days' },
        },
      }),
    }),
    recordRisk: assign({ risk: ({ event }) => as(event, 'DASH_ASSESSED')?.level ?? null }),
    recordCriminalResult: assign({
      criminalResult: ({ event }) => as(event, 'CRIMINAL_CASE_CONCLUDED')?.result ?? null,
    }),
    updateVictim: assign({
      victim: ({ context, event }) => ({
        ...context.victim,
        ...(event.type === 'SPOC_ASSIGNED' ? { spocId: event.spocId } : {}),
        ...(event.type === 'HARM_TEST_EXCEPTION_RECORDED' ? { harmTestException: true } : {}),
        ...(event.type === 'HARM_TEST_EXCEPTION_ENDED' ? { harmTestException: false } : {}),
        ...(event.type === 'VICTIM_PREFERENCES_RECORDED' ? { preferencesRecorded: true } : {}),
        ...(event.type === 'VICTIM_TOLD_OUTCOME' ? { toldOutcome: true } : {}),
      }),
    }),
    markOutcomeUntold: assign({
      victim: ({ context }) => ({ ...context.victim, toldOutcome: false }),
    }),
    recordOutcome: assign({
      outcome: ({ event }) => {
        const recorded = as(event, 'OUTCOME_RECORDED');
        return recorded ? { outcome: recorded.outcome, decidedAt: event.at } : null;
      },
    }),
    recordIopcNotified: assign({ iopcNotifiedOfOutcome: () => true }),
    // Internal events let one region react only when another accepted a decision.
    announceRevision: raise(({ event }) => {
      const revised = as(event, 'SEVERITY_REVISED');
      return {
        type: '$SEVERITY_REVISED' as const,
        at: event.at,
        level: revised?.level ?? 'misconduct',
        referralCriteriaMet: revised?.referralCriteriaMet ?? [],
      };
    }),
    announceAssessment: raise(({ event }) => ({
      type: '$SEVERITY_ASSESSED' as const,
      at: event.at,
      level: as(event, 'SEVERITY_ASSESSED')?.level ?? 'misconduct',
    })),
    announceInvestigation: raise(({ event }) => ({
      type: '$INVESTIGATION_STARTED' as const,
      at: event.at,
    })),
    announceReport: raise(({ event }) => ({ type: '$REPORT_RECEIVED' as const, at: event.at })),
    announceOutcome: raise(({ event }) => ({ type: '$OUTCOME_READY' as const, at: event.at })),
    announceFinalOutcomeTold: raise(({ event }) => ({
      type: '$FINAL_OUTCOME_TOLD' as const,
      at: event.at,
    })),
    noteRung: assign({
      overdue: ({ context, event }) =>
        event.type === 'CLOCK_RUNG' &&
        event.kind === 'due' &&
        !context.overdue.includes(event.ruleId)
          ? [...context.overdue, event.ruleId]
          : context.overdue,
    }),
    clearOverdue: assign({
      overdue: ({ context }, params: { ruleId: string }) =>
        context.overdue.filter((ruleId) => ruleId !== params.ruleId),
    }),
  },
});

/** Start a repeating clock again from this event (a review held, an update sent). */
export const rebase = (ruleId: string, duration?: TDuration) =>
  ({ type: 'rebase', params: duration ? { ruleId, duration } : { ruleId } }) as const;
/** Record the officer's deployment: suspended, restricted, none or lifted. */
export const setDeployment = (to: TCaseContext['deployment']) =>
  ({ type: 'setDeployment', params: { to } }) as const;
/** A `CLOCK_RUNG` event for the due rung of this rule (a window closing, an order expiring). */
export const dueOf = (ruleId: string) => ({ type: 'isDueOf', params: { ruleId } }) as const;
