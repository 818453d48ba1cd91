import type { TDuration } from '@ppda/calendar';
import { and, assign, raise, setup } from 'xstate';
import { lawBeforeV4, type TCaseLaw } from './case-law.ts';
import type { TCaseContext } from './context.ts';
import {
  type TCaseEvent,
  type TCaseInput,
  type TDecisionType,
  type TEventOf,
  type TInternalEvent,
  ZCaseInput,
} from './events.ts';
import { checkGates, closureBlockers } from './gates.ts';
import { noClockRunningIn } from './state-clocks.ts';

export const MACHINE_ID = 'ppda-case';
/** Bump with a snapshot migration (migrations/) whenever states or context change shape. */
export const MACHINE_VERSION = 4;

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

const machineSetup = setup({
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
    // Replaced below by a check over every clock-bearing state, read from the machine itself.
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

/** Each clock-bearing state clears its rule from `overdue` when it is left. */
const clears = (ruleId: string) => ({ type: 'clearOverdue', params: { ruleId } }) as const;
const rebase = (ruleId: string, duration?: TDuration) =>
  ({ type: 'rebase', params: duration ? { ruleId, duration } : { ruleId } }) as const;
const deployment = (to: TCaseContext['deployment']) =>
  ({ type: 'setDeployment', params: { to } }) as const;
const dueOf = (ruleId: string) => ({ type: 'isDueOf', params: { ruleId } }) as const;

/**
 * Transitions that re-enter a state sit on the state, never on a region: re-entering a
 * region would, by SCXML rules, re-enter every sibling region of its parallel parent.
 */
const recheckReferral = {
  guard: 'revisionMeetsCriteria',
  target: '#ppda-case.open.referral.decisionDue',
  reenter: true,
  actions: ['noteCriteria', rebase('iopc.referral')],
} as const;

/** A revised severity needs a new reg 17 notice. */
const newReg17Notice = {
  target: '#ppda-case.open.conduct.active.progress.noticeDue',
  reenter: true,
  actions: rebase('reg17.notice'),
} as const;

const screenReferral = [
  {
    guard: 'screeningFoundCriteria',
    target: 'decisionDue',
    actions: ['recordScreening', 'noteCriteria'],
  },
  { target: 'screenedOut', actions: 'recordScreening' },
] as const;

const decideReferral = [
  { guard: 'isReferred', target: 'referred', actions: 'recordReferralDecision' },
  { guard: 'gatesOpen', target: 'notReferred', actions: 'recordReferralDecision' },
] as const;

const baseMachine = machineSetup.createMachine({
  id: MACHINE_ID,
  initial: 'open',
  context: ({ input }): TCaseContext => {
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
  },
  states: {
    open: {
      type: 'parallel',
      on: {
        CLOCK_RUNG: { actions: 'noteRung' },
        CASE_CLOSED: { guard: and(['closureFactsMet', 'noClockRunning']), target: 'closed' },
      },
      states: {
        /** Intake: recorded as a conduct matter and/or complaint (PRA 2002 s12(2)). */
        recording: {
          initial: 'awaitingRecord',
          states: {
            awaitingRecord: {
              meta: { clocks: ['record.decision'] },
              exit: clears('record.decision'),
              on: {
                MATTER_RECORDED: {
                  guard: 'gatesOpen',
                  target: 'recorded',
                  actions: 'recordMatter',
                },
              },
            },
            recorded: {},
          },
        },

        /** IOPC referral (CMR regs 4, 7), the IOPC's mode of investigation, call-in. */
        referral: {
          initial: 'screening',
          states: {
            // Before recording: nothing to screen yet (the screening clock runs from recording).
            screening: {
              always: { guard: 'referralCriteriaKnown', target: 'decisionDue' },
              on: {
                MATTER_RECORDED: { guard: 'gatesOpen', target: 'screeningDue' },
                REFERRAL_SCREENED: screenReferral,
                REFERRAL_CRITERION_IDENTIFIED: { target: 'decisionDue', actions: 'noteCriteria' },
                IOPC_REFERRAL_DECIDED: decideReferral,
                $SEVERITY_REVISED: recheckReferral,
              },
            },
            // Recorded with no criterion identified: someone must screen it (rules.md, audit).
            screeningDue: {
              meta: { clocks: ['referral.screening'] },
              exit: clears('referral.screening'),
              on: {
                REFERRAL_SCREENED: screenReferral,
                REFERRAL_CRITERION_IDENTIFIED: { target: 'decisionDue', actions: 'noteCriteria' },
                IOPC_REFERRAL_DECIDED: decideReferral,
                $SEVERITY_REVISED: recheckReferral,
              },
            },
            // Screened: no criterion applies (with its rationale); new evidence re-opens it.
            screenedOut: {
              on: {
                REFERRAL_CRITERION_IDENTIFIED: { target: 'decisionDue', actions: 'noteCriteria' },
                IOPC_REFERRAL_DECIDED: decideReferral,
                $SEVERITY_REVISED: recheckReferral,
              },
            },
            decisionDue: {
              meta: { clocks: ['iopc.referral'] },
              exit: clears('iopc.referral'),
              on: {
                REFERRAL_CRITERION_IDENTIFIED: { actions: 'noteCriteria' },
                IOPC_REFERRAL_DECIDED: decideReferral,
                $SEVERITY_REVISED: recheckReferral,
              },
            },
            notReferred: {
              on: {
                REFERRAL_CRITERION_IDENTIFIED: { target: 'decisionDue', actions: 'noteCriteria' },
                IOPC_CALLED_IN: { target: 'referred', actions: 'recordReferralDecision' },
                $SEVERITY_REVISED: recheckReferral,
              },
            },
            referred: {
              on: { $SEVERITY_REVISED: recheckReferral },
              initial: 'awaitingMode',
              states: {
                awaitingMode: {
                  on: { IOPC_MODE_DECIDED: { target: 'modeDecided', actions: 'recordIopcMode' } },
                },
                modeDecided: {},
              },
            },
          },
        },

        /** Severity assessment (CMR 16-19, CondR 14) and revision on new evidence. */
        severity: {
          initial: 'awaitingRecording',
          states: {
            awaitingRecording: {
              on: { MATTER_RECORDED: { guard: 'gatesOpen', target: 'assessmentDue' } },
            },
            assessmentDue: {
              meta: { clocks: ['severity.assessment'] },
              exit: clears('severity.assessment'),
              on: {
                SEVERITY_ASSESSED: {
                  guard: 'gatesOpen',
                  target: 'assessed',
                  actions: ['recordSeverity', 'announceAssessment'],
                },
              },
            },
            assessed: {
              on: {
                SEVERITY_REVISED: {
                  guard: 'gatesOpen',
                  actions: ['recordSeverity', 'announceRevision'],
                },
              },
            },
          },
        },

        /** Suspension (AA, CondR 11) or restriction (Head of PSD), reviewed every 4 weeks. */
        deployment: {
          initial: 'undecided',
          states: {
            undecided: {
              on: {
                SUSPENDED: {
                  guard: 'gatesOpen',
                  target: 'suspended',
                  actions: deployment('suspended'),
                },
                RESTRICTED: {
                  guard: 'gatesOpen',
                  target: 'restricted',
                  actions: [deployment('restricted'), 'restrictionReviewOnEntry'],
                },
                NO_RESTRICTION_DECIDED: {
                  guard: 'gatesOpen',
                  target: 'unrestricted',
                  actions: deployment('none'),
                },
                SUSPENSION_NOT_REQUIRED: {
                  guard: 'gatesOpen',
                  target: 'unrestricted',
                  actions: ['recordNotSuspended', deployment('none')],
                },
              },
            },
            unrestricted: {
              on: {
                SUSPENDED: {
                  guard: 'gatesOpen',
                  target: 'suspended',
                  actions: deployment('suspended'),
                },
                RESTRICTED: {
                  guard: 'gatesOpen',
                  target: 'restricted',
                  actions: [deployment('restricted'), 'restrictionReviewOnEntry'],
                },
                SUSPENSION_NOT_REQUIRED: { guard: 'gatesOpen', actions: 'recordNotSuspended' },
              },
            },
            suspended: {
              type: 'parallel',
              on: {
                SUSPENSION_LIFTED: { target: 'lifted', actions: deployment('lifted') },
              },
              states: {
                writtenConfirmation: {
                  initial: 'checking',
                  states: {
                    checking: {
                      always: [
                        { guard: 'isOralSuspension', target: 'due' },
                        { target: 'notNeeded' },
                      ],
                    },
                    due: {
                      meta: {
                        clocks: ['suspension.confirm-in-writing'],
                      },
                      exit: clears('suspension.confirm-in-writing'),
                      on: { SUSPENSION_CONFIRMED_IN_WRITING: 'confirmed' },
                    },
                    confirmed: {},
                    notNeeded: {},
                  },
                },
                representations: {
                  initial: 'open',
                  states: {
                    open: {
                      meta: { clocks: ['suspension.representations'] },
                      exit: clears('suspension.representations'),
                      on: {
                        SUSPENSION_REPRESENTATIONS_RECEIVED: 'received',
                        CLOCK_RUNG: {
                          guard: dueOf('suspension.representations'),
                          target: 'closed',
                        },
                      },
                    },
                    received: {},
                    closed: {},
                  },
                },
                review: {
                  initial: 'scheduled',
                  states: {
                    scheduled: {
                      meta: {
                        clocks: ['suspension.review'],
                      },
                      exit: clears('suspension.review'),
                      on: {
                        SUSPENSION_REVIEWED: {
                          target: 'scheduled',
                          reenter: true,
                          actions: rebase('suspension.review'),
                        },
                      },
                    },
                  },
                },
              },
            },
            restricted: {
              meta: { clocks: [{ rule: 'suspension.review', duty: 'RESTRICTION_REVIEWED' }] },
              exit: clears('suspension.review'),
              on: {
                RESTRICTION_REVIEWED: {
                  target: 'restricted',
                  reenter: true,
                  actions: 'rebaseRestrictionReview',
                },
                SUSPENSION_NOT_REQUIRED: { guard: 'gatesOpen', actions: 'recordNotSuspended' },
                RESTRICTION_LIFTED: { target: 'lifted', actions: deployment('lifted') },
                SUSPENDED: {
                  guard: 'gatesOpen',
                  target: 'suspended',
                  actions: [deployment('suspended'), rebase('suspension.review')],
                },
              },
            },
            lifted: {
              on: {
                SUSPENDED: {
                  guard: 'gatesOpen',
                  target: 'suspended',
                  actions: [deployment('suspended'), rebase('suspension.review')],
                },
                RESTRICTED: {
                  guard: 'gatesOpen',
                  target: 'restricted',
                  actions: [deployment('restricted'), 'rebaseRestrictionReview'],
                },
                SUSPENSION_NOT_REQUIRED: { guard: 'gatesOpen', actions: 'recordNotSuspended' },
              },
            },
          },
        },

        /** Who investigates: an independent investigator in force, or another force. */
        investigation: {
          initial: 'awaitingSeverity',
          states: {
            awaitingSeverity: {
              on: {
                $SEVERITY_ASSESSED: [
                  { guard: 'needsInvestigation', target: 'appointmentDue' },
                  { target: 'notRequired' },
                ],
              },
            },
            notRequired: {
              on: { $SEVERITY_REVISED: { guard: 'needsInvestigation', target: 'appointmentDue' } },
            },
            appointmentDue: {
              meta: {
                clocks: ['investigator.appointment'],
              },
              exit: clears('investigator.appointment'),
              on: {
                INVESTIGATOR_APPOINTED: {
                  guard: 'gatesOpen',
                  target: 'inForce',
                  actions: ['recordInvestigator', 'announceInvestigation'],
                },
                EXTERNAL_FORCE_REQUESTED: {
                  guard: 'gatesOpen',
                  target: 'externalRequested',
                  actions: 'recordInvestigator',
                },
              },
            },
            inForce: {
              on: {
                // Re-assigned on conflict: a new declaration, the same gates.
                INVESTIGATOR_APPOINTED: { guard: 'gatesOpen', actions: 'recordInvestigator' },
              },
            },
            externalRequested: {
              meta: { clocks: ['external.response'] },
              exit: clears('external.response'),
              on: {
                EXTERNAL_FORCE_RESPONDED: [
                  {
                    guard: 'externalAccepted',
                    target: 'external',
                    actions: 'announceInvestigation',
                  },
                  { target: 'appointmentDue' },
                ],
              },
            },
            external: {
              meta: { clocks: ['external.progress-review'] },
              exit: clears('external.progress-review'),
              on: {
                EXTERNAL_PROGRESS_REVIEWED: {
                  target: 'external',
                  reenter: true,
                  actions: rebase('external.progress-review'),
                },
                // Progress reviews end with the external force's final report.
                $REPORT_RECEIVED: 'externalReported',
              },
            },
            externalReported: {},
          },
        },

        /** The misconduct investigation: runs alongside the criminal case by default. */
        conduct: {
          initial: 'notStarted',
          states: {
            notStarted: {
              on: { $INVESTIGATION_STARTED: 'active' },
            },
            active: {
              type: 'parallel',
              states: {
                progress: {
                  initial: 'noticeDue',
                  states: {
                    noticeDue: {
                      meta: { clocks: ['reg17.notice'] },
                      exit: clears('reg17.notice'),
                      on: {
                        REG17_NOTICE_SERVED: { target: 'investigating', actions: 'recordReg17' },
                        $SEVERITY_REVISED: newReg17Notice,
                      },
                    },
                    investigating: {
                      type: 'parallel',
                      on: {
                        $SEVERITY_REVISED: newReg17Notice,
                        FINAL_REPORT_SUBMITTED: {
                          target: '#ppda-case.open.conduct.reported',
                          actions: 'announceReport',
                        },
                      },
                      states: {
                        representations: {
                          initial: 'open',
                          states: {
                            open: {
                              meta: { clocks: ['officer.representations'] },
                              exit: clears('officer.representations'),
                              on: {
                                OFFICER_REPRESENTATIONS_RECEIVED: 'received',
                                REPRESENTATIONS_WINDOW_EXTENDED: {
                                  target: 'open',
                                  reenter: true,
                                  actions: 'extendRepresentations',
                                },
                                CLOCK_RUNG: {
                                  guard: dueOf('officer.representations'),
                                  target: 'closed',
                                },
                              },
                            },
                            received: {},
                            closed: {},
                          },
                        },
                        interview: {
                          initial: 'notArranged',
                          states: {
                            notArranged: {
                              on: {
                                INTERVIEW_DATE_SET: {
                                  target: 'alternativeDateWindow',
                                  actions: 'recordInterviewDate',
                                },
                              },
                            },
                            alternativeDateWindow: {
                              meta: { clocks: ['interview.alternative-date'] },
                              exit: clears('interview.alternative-date'),
                              on: {
                                ALTERNATIVE_INTERVIEW_DATE_PROPOSED: {
                                  guard: 'gatesOpen',
                                  target: 'arranged',
                                },
                                CLOCK_RUNG: {
                                  guard: dueOf('interview.alternative-date'),
                                  target: 'arranged',
                                },
                              },
                            },
                            arranged: { on: { INTERVIEW_HELD: 'held' } },
                            held: {},
                          },
                        },
                      },
                    },
                  },
                },
                pause: {
                  initial: 'running',
                  states: {
                    running: {
                      on: {
                        CONDUCT_PAUSED: {
                          guard: 'gatesOpen',
                          target: 'paused',
                          actions: 'schedulePauseReview',
                        },
                      },
                    },
                    paused: {
                      meta: { clocks: ['conduct-pause.review'], pauses: ['reg17.notice'] },
                      exit: clears('conduct-pause.review'),
                      on: { CONDUCT_RESUMED: 'running' },
                    },
                  },
                },
              },
            },
            reported: {},
          },
        },

        /** Criminal track: key decisions and the victim's notices, protective orders, risk. */
        criminal: {
          type: 'parallel',
          states: {
            keyDecisions: {
              initial: 'noneOutstanding',
              states: {
                noneOutstanding: {
                  on: {
                    CRIMINAL_DECISION_RECORDED: {
                      target: 'victimNoticeDue',
                      actions: ['noteKeyDecision', 'noteCriminalInvestigation'],
                    },
                  },
                },
                // The earliest untold decision sets the deadline; later ones join it.
                victimNoticeDue: {
                  meta: { clocks: ['victim.key-decision'] },
                  exit: clears('victim.key-decision'),
                  on: {
                    CRIMINAL_DECISION_RECORDED: {
                      actions: ['noteKeyDecision', 'noteCriminalInvestigation'],
                    },
                    VICTIM_TOLD_OF_DECISION: {
                      target: 'noneOutstanding',
                      actions: 'clearKeyDecisions',
                    },
                  },
                },
              },
            },
            rightToReview: {
              initial: 'notApplicable',
              states: {
                notApplicable: {
                  on: { CRIMINAL_DECISION_RECORDED: { guard: 'isNfa', target: 'informationDue' } },
                },
                informationDue: {
                  meta: { clocks: ['victim.vrr-info'] },
                  exit: clears('victim.vrr-info'),
                  on: { VRR_INFO_SENT: 'informed' },
                },
                informed: {},
              },
            },
            protectiveOrders: {
              initial: 'notConsidered',
              states: {
                notConsidered: {
                  on: {
                    PROTECTIVE_ORDERS_CONSIDERED: 'considered',
                    DVPN_SERVED: 'hearingDue',
                  },
                },
                considered: { on: { DVPN_SERVED: 'hearingDue' } },
                hearingDue: {
                  meta: { clocks: ['dvpn.hearing'] },
                  exit: clears('dvpn.hearing'),
                  on: {
                    DVPO_DECIDED: [
                      { guard: 'dvpoGranted', target: 'dvpoInForce', actions: 'setDvpoLength' },
                      { target: 'considered' },
                    ],
                  },
                },
                dvpoInForce: {
                  meta: { clocks: ['dvpo.expiry'] },
                  exit: clears('dvpo.expiry'),
                  on: {
                    CLOCK_RUNG: { guard: dueOf('dvpo.expiry'), target: 'considered' },
                    DVPN_SERVED: 'hearingDue',
                  },
                },
              },
            },
            risk: {
              initial: 'unassessed',
              on: {
                // High-risk cases go to the DCC's board daily; back to 28 days when risk falls.
                DASH_ASSESSED: [
                  {
                    guard: and(['isHighRisk', 'wasHighRisk']),
                    target: '.maracReferralDue',
                    actions: 'recordRisk',
                  },
                  {
                    guard: 'isHighRisk',
                    target: '.maracReferralDue',
                    actions: [
                      'recordRisk',
                      rebase('oversight.board-review', { amount: 1, unit: 'calendar-days' }),
                    ],
                  },
                  {
                    guard: 'wasHighRisk',
                    target: '.assessed',
                    actions: [
                      'recordRisk',
                      rebase('oversight.board-review', { amount: 28, unit: 'calendar-days' }),
                    ],
                  },
                  { target: '.assessed', actions: 'recordRisk' },
                ],
              },
              states: {
                unassessed: {},
                maracReferralDue: {
                  meta: { clocks: ['marac.referral'] },
                  exit: clears('marac.referral'),
                  on: { MARAC_REFERRED: 'assessed' },
                },
                assessed: {},
              },
            },
            result: {
              initial: 'pending',
              states: {
                pending: {
                  on: {
                    CRIMINAL_CASE_CONCLUDED: {
                      target: 'concluded',
                      actions: ['recordCriminalResult', 'announceOutcome'],
                    },
                  },
                },
                concluded: {},
              },
            },
          },
        },

        /** Victim engagement (CMR 34-35, Victims' Code): SPOC, updates, outcomes, preferences. */
        victim: {
          type: 'parallel',
          on: {
            SPOC_ASSIGNED: { actions: 'updateVictim' },
            VICTIM_PREFERENCES_RECORDED: { actions: 'updateVictim' },
          },
          states: {
            updates: {
              initial: 'due',
              states: {
                due: {
                  meta: { clocks: ['victim.progress-update'] },
                  exit: clears('victim.progress-update'),
                  on: {
                    VICTIM_UPDATE_SENT: {
                      target: 'due',
                      reenter: true,
                      actions: rebase('victim.progress-update'),
                    },
                    HARM_TEST_EXCEPTION_RECORDED: { target: 'suppressed', actions: 'updateVictim' },
                    $FINAL_OUTCOME_TOLD: 'finished',
                  },
                },
                // The harm test: updates would harm the victim or the case; logged as an event.
                suppressed: {
                  on: {
                    HARM_TEST_EXCEPTION_ENDED: {
                      target: 'due',
                      actions: ['updateVictim', rebase('victim.progress-update')],
                    },
                    $FINAL_OUTCOME_TOLD: 'finished',
                  },
                },
                finished: {},
              },
            },
            outcomeNotice: {
              initial: 'noOutcome',
              on: {
                // Any outcome (misconduct or criminal) starts a notice; the earliest sets the deadline.
                $OUTCOME_READY: { target: '.due', actions: { type: 'markOutcomeUntold' } },
              },
              states: {
                noOutcome: {},
                due: {
                  meta: { clocks: ['victim.outcome-notice'] },
                  exit: clears('victim.outcome-notice'),
                  on: {
                    VICTIM_TOLD_OUTCOME: [
                      {
                        guard: 'isFinalOutcomeTold',
                        target: 'told',
                        actions: ['updateVictim', 'announceFinalOutcomeTold'],
                      },
                      { target: 'told', actions: 'updateVictim' },
                    ],
                  },
                },
                told: {},
              },
            },
            officerInCharge: {
              initial: 'unchanged',
              states: {
                unchanged: { on: { OIC_CHANGE_REQUESTED: 'changeRequested' } },
                changeRequested: { on: { OIC_CHANGE_DECIDED: 'unchanged' } },
              },
            },
          },
        },

        /** Case to answer (CondR 23), meeting or hearing (CondR 31-34), outcome. */
        decision: {
          initial: 'awaitingReport',
          states: {
            awaitingReport: {
              on: {
                $REPORT_RECEIVED: 'caseToAnswerDue',
                // Withdrawal of vetting clearance is the outcome: dismissal without notice.
                $VETTING_WITHDRAWN: 'outcomeRecorded',
                OUTCOME_RECORDED: {
                  guard: and(['noInvestigationNeeded', 'gatesOpen']),
                  target: 'outcomeRecorded',
                  actions: ['recordOutcome', 'announceOutcome'],
                },
              },
            },
            caseToAnswerDue: {
              meta: {
                clocks: ['case-to-answer.decision'],
              },
              exit: clears('case-to-answer.decision'),
              on: {
                CASE_TO_ANSWER_DECIDED: [
                  { guard: 'caseToAnswerAtHearing', target: 'hearing' },
                  { guard: 'caseToAnswerAtMeeting', target: 'meeting' },
                  { target: 'outcomeDue' },
                ],
              },
            },
            hearing: {
              initial: 'documentsPending',
              states: {
                documentsPending: { on: { DOCUMENTS_SUPPLIED_TO_OFFICER: 'responseDue' } },
                responseDue: {
                  meta: { clocks: ['proceedings.response'] },
                  exit: clears('proceedings.response'),
                  on: { OFFICER_RESPONSE_RECEIVED: 'witnessListsDue' },
                },
                witnessListsDue: {
                  meta: {
                    clocks: ['proceedings.witness-lists'],
                  },
                  exit: clears('proceedings.witness-lists'),
                  on: { WITNESS_LISTS_SUPPLIED: 'awaitingChair' },
                },
                awaitingChair: { on: { DOCUMENTS_SENT_TO_CHAIR: 'preHearingDue' } },
                preHearingDue: {
                  meta: { clocks: ['proceedings.prehearing'] },
                  exit: clears('proceedings.prehearing'),
                  on: { PRE_HEARING_HELD: 'listed' },
                },
                listed: { on: { MEETING_OR_HEARING_HELD: '#ppda-case.open.decision.outcomeDue' } },
              },
            },
            meeting: {
              initial: 'documentsPending',
              states: {
                documentsPending: { on: { DOCUMENTS_SUPPLIED_TO_OFFICER: 'documentsSupplied' } },
                documentsSupplied: {
                  type: 'parallel',
                  onDone: '#ppda-case.open.decision.outcomeDue',
                  states: {
                    officer: {
                      initial: 'responseDue',
                      states: {
                        responseDue: {
                          meta: { clocks: ['proceedings.response'] },
                          exit: clears('proceedings.response'),
                          on: { OFFICER_RESPONSE_RECEIVED: 'witnessListsDue' },
                        },
                        witnessListsDue: {
                          meta: {
                            clocks: ['proceedings.witness-lists'],
                          },
                          exit: clears('proceedings.witness-lists'),
                          on: { WITNESS_LISTS_SUPPLIED: 'ready' },
                        },
                        ready: { type: 'final' },
                      },
                    },
                    sitting: {
                      initial: 'meetingDue',
                      states: {
                        meetingDue: {
                          meta: { clocks: ['proceedings.meeting'] },
                          exit: clears('proceedings.meeting'),
                          on: { MEETING_OR_HEARING_HELD: 'held' },
                        },
                        held: { type: 'final' },
                      },
                    },
                  },
                },
              },
            },
            outcomeDue: {
              on: {
                OUTCOME_RECORDED: {
                  guard: 'gatesOpen',
                  target: 'outcomeRecorded',
                  actions: ['recordOutcome', 'announceOutcome'],
                },
              },
            },
            outcomeRecorded: {
              on: {
                IOPC_NOTIFIED_OF_OUTCOME: { guard: 'wasReferred', actions: 'recordIopcNotified' },
              },
            },
          },
        },

        /**
         * The 2026 suspension decision (CondR reg 11B, conduct on or after 13 July 2026): under
         * criminal investigation and assessed as gross misconduct, in either order, the AA
         * decides within 3 WD whether to suspend.
         */
        suspensionDuty: {
          initial: 'notOwed',
          states: {
            notOwed: {
              always: { guard: 'suspensionDecisionOwed', target: 'decisionDue' },
            },
            decisionDue: {
              meta: { clocks: ['suspension.decision'] },
              exit: clears('suspension.decision'),
              on: {
                SUSPENDED: { guard: 'gatesOpen', target: 'decided' },
                SUSPENSION_NOT_REQUIRED: { guard: 'gatesOpen', target: 'decided' },
              },
            },
            decided: {},
          },
        },

        /**
         * The vetting route (Police (Vetting) Regulations 2025): a severity assessment that
         * refers the matter (CondR reg 14(2)(aa)) opens a withdrawal assessment beside the
         * conduct case and the victim's rights; the case closes only when it has concluded.
         */
        vetting: {
          initial: 'notReferred',
          states: {
            notReferred: {
              on: {
                $SEVERITY_ASSESSED: {
                  guard: 'refersToVetting',
                  target: 'referralDue',
                  actions: 'openVetting',
                },
                $SEVERITY_REVISED: {
                  guard: 'refersToVetting',
                  target: 'referralDue',
                  actions: 'openVetting',
                },
              },
            },
            referralDue: {
              meta: { clocks: ['vetting.referral'] },
              exit: clears('vetting.referral'),
              on: { VETTING_REFERRED: 'noticeDue' },
            },
            noticeDue: {
              meta: { clocks: ['vetting.notice'] },
              exit: clears('vetting.notice'),
              on: { VETTING_NOTICE_SERVED: 'representations' },
            },
            representations: {
              meta: { clocks: ['vetting.representations'] },
              exit: clears('vetting.representations'),
              on: {
                VETTING_REPRESENTATIONS_RECEIVED: 'outcomeDue',
                CLOCK_RUNG: { guard: dueOf('vetting.representations'), target: 'outcomeDue' },
              },
            },
            outcomeDue: {
              meta: { clocks: ['vetting.outcome'] },
              exit: clears('vetting.outcome'),
              on: {
                VETTING_OUTCOME_DECIDED: [
                  {
                    guard: 'isWithdrawn',
                    target: 'appealWindow',
                    actions: ['recordWithdrawal', 'announceVettingWithdrawal', 'announceOutcome'],
                  },
                  { target: 'concluded', actions: 'recordRetained' },
                ],
              },
            },
            appealWindow: {
              meta: { clocks: ['vetting.appeal'] },
              exit: clears('vetting.appeal'),
              on: {
                VETTING_APPEAL_LODGED: 'appealPending',
                CLOCK_RUNG: {
                  guard: dueOf('vetting.appeal'),
                  target: 'concluded',
                  actions: 'concludeVetting',
                },
              },
            },
            appealPending: {
              on: {
                VETTING_APPEAL_DECIDED: [
                  {
                    guard: 'appealUpheld',
                    target: 'concluded',
                    actions: ['recordAppealUpheld', 'announceOutcome'],
                  },
                  { target: 'concluded', actions: 'concludeVetting' },
                ],
              },
            },
            concluded: {},
          },
        },

        /** Clocks that run while the case is open: overrun reports and the DCC's board. */
        oversight: {
          type: 'parallel',
          states: {
            overrun: {
              initial: 'reportDue',
              states: {
                reportDue: {
                  meta: { clocks: ['investigation.overrun-report'] },
                  exit: clears('investigation.overrun-report'),
                  on: {
                    OVERRUN_REPORTED: {
                      target: 'reportDue',
                      reenter: true,
                      actions: 'nextOverrunReport',
                    },
                  },
                },
              },
            },
            board: {
              initial: 'reviewDue',
              states: {
                reviewDue: {
                  meta: {
                    clocks: ['oversight.board-review'],
                  },
                  exit: clears('oversight.board-review'),
                  on: {
                    BOARD_REVIEW_HELD: {
                      target: 'reviewDue',
                      reenter: true,
                      actions: rebase('oversight.board-review'),
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    closed: { type: 'final' },
  },
});

/**
 * `gate.closure` also needs every clock to have stopped, bar those that run while the case
 * is open and end with it. Which states run clocks is read from the machine itself.
 */
export const ppdaCaseMachine = baseMachine.provide({
  guards: { noClockRunning: noClockRunningIn(baseMachine) },
});

export type TPpdaCaseMachine = typeof ppdaCaseMachine;
