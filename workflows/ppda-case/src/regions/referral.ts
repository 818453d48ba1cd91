import { caseSetup, rebase } from '../machine-setup.ts';
import { clockState } from './clock-state.ts';

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

/** IOPC referral (CMR regs 4, 7), the IOPC's mode of investigation, call-in. */
export const referral = caseSetup.createStateConfig({
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
    screeningDue: clockState({
      clocks: ['referral.screening'],
      on: {
        REFERRAL_SCREENED: screenReferral,
        REFERRAL_CRITERION_IDENTIFIED: { target: 'decisionDue', actions: 'noteCriteria' },
        IOPC_REFERRAL_DECIDED: decideReferral,
        $SEVERITY_REVISED: recheckReferral,
      },
    }),
    // Screened: no criterion applies (with its rationale); new evidence re-opens it.
    screenedOut: {
      on: {
        REFERRAL_CRITERION_IDENTIFIED: { target: 'decisionDue', actions: 'noteCriteria' },
        IOPC_REFERRAL_DECIDED: decideReferral,
        $SEVERITY_REVISED: recheckReferral,
      },
    },
    decisionDue: clockState({
      clocks: ['iopc.referral'],
      on: {
        REFERRAL_CRITERION_IDENTIFIED: { actions: 'noteCriteria' },
        IOPC_REFERRAL_DECIDED: decideReferral,
        $SEVERITY_REVISED: recheckReferral,
      },
    }),
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
});
