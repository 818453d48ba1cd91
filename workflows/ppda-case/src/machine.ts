import { assign, setup } from 'xstate';
import type { TCaseEvent, TCaseInput, TReferralCriterion } from './events.ts';
import { checkGates } from './gates.ts';

export const MACHINE_ID = 'ppda-case';
/** Bump with a snapshot migration whenever the states or context change shape. */
export const MACHINE_VERSION = 1;

export interface TCaseContext {
  reference: string;
  receivedAt: string;
  referralCriteria: TReferralCriterion[];
  recordedAs: { conductMatter: boolean; complaint: boolean } | null;
  referral: { referred: boolean; decidedAt: string } | null;
  severity: { level: string; assessedAt: string } | null;
  /** Rule ids whose due notice has gone out and which are not yet met. */
  overdue: string[];
}

/** State meta: the clocks (rule ids) that run while the state is active. */
export interface TStateMeta {
  clocks?: string[];
}

const decideReferral = [
  {
    guard: 'isReferred',
    target: 'referred',
    actions: 'recordReferralDecision',
  },
  {
    guard: 'gatesOpen',
    target: 'notReferred',
    actions: 'recordReferralDecision',
  },
] as const;

/**
 * One PPDA case from report onwards. Pure: time arrives as `event.at`, clocks are
 * declared on states by rule id (`meta.clocks`) and run by the engine, never by `after`.
 */
export const ppdaCaseMachine = setup({
  types: {
    context: {} as TCaseContext,
    events: {} as TCaseEvent,
    input: {} as TCaseInput,
    meta: {} as TStateMeta,
  },
  guards: {
    gatesOpen: ({ event }) => checkGates(event).ok,
    referralCriteriaKnown: ({ context }) => context.referralCriteria.length > 0,
    isReferred: ({ event }) => event.type === 'IOPC_REFERRAL_DECIDED' && event.referred,
  },
  actions: {
    recordMatter: assign({
      recordedAs: ({ event }) =>
        event.type === 'MATTER_RECORDED'
          ? { conductMatter: event.asConductMatter, complaint: event.asComplaint }
          : null,
    }),
    noteCriteria: assign({
      referralCriteria: ({ context, event }) =>
        event.type === 'REFERRAL_CRITERION_IDENTIFIED'
          ? [...new Set([...context.referralCriteria, ...event.criteria])]
          : context.referralCriteria,
    }),
    recordReferralDecision: assign({
      referral: ({ event }) =>
        event.type === 'IOPC_REFERRAL_DECIDED'
          ? { referred: event.referred, decidedAt: event.at }
          : null,
    }),
    recordSeverity: assign({
      severity: ({ event }) =>
        event.type === 'SEVERITY_ASSESSED' ? { level: event.level, assessedAt: event.at } : null,
    }),
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
}).createMachine({
  id: MACHINE_ID,
  type: 'parallel',
  context: ({ input }) => ({
    reference: input.reference,
    receivedAt: input.receivedAt,
    referralCriteria: input.referralCriteriaMet,
    recordedAs: null,
    referral: null,
    severity: null,
    overdue: [],
  }),
  on: {
    CLOCK_RUNG: { actions: 'noteRung' },
  },
  states: {
    recording: {
      initial: 'awaitingRecord',
      states: {
        awaitingRecord: {
          meta: { clocks: ['record.decision'] },
          exit: { type: 'clearOverdue', params: { ruleId: 'record.decision' } },
          on: {
            MATTER_RECORDED: { guard: 'gatesOpen', target: 'recorded', actions: 'recordMatter' },
          },
        },
        recorded: {},
      },
    },
    referral: {
      initial: 'screening',
      states: {
        screening: {
          always: { guard: 'referralCriteriaKnown', target: 'decisionDue' },
          on: {
            REFERRAL_CRITERION_IDENTIFIED: { target: 'decisionDue', actions: 'noteCriteria' },
            IOPC_REFERRAL_DECIDED: decideReferral,
          },
        },
        decisionDue: {
          meta: { clocks: ['iopc.referral'] },
          exit: { type: 'clearOverdue', params: { ruleId: 'iopc.referral' } },
          on: { IOPC_REFERRAL_DECIDED: decideReferral },
        },
        referred: {},
        notReferred: {},
      },
    },
    severity: {
      initial: 'awaitingRecording',
      states: {
        awaitingRecording: {
          on: { MATTER_RECORDED: { guard: 'gatesOpen', target: 'assessmentDue' } },
        },
        assessmentDue: {
          meta: { clocks: ['severity.assessment'] },
          exit: { type: 'clearOverdue', params: { ruleId: 'severity.assessment' } },
          on: { SEVERITY_ASSESSED: { target: 'assessed', actions: 'recordSeverity' } },
        },
        assessed: {},
      },
    },
  },
});

export type TPpdaCaseMachine = typeof ppdaCaseMachine;
