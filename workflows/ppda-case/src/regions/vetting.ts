import { caseSetup, dueOf } from '../machine-setup.ts';
import { clockState } from './clock-state.ts';

/**
 * The vetting route (Police (Vetting) Regulations 2025): a severity assessment that
 * refers the matter (CondR reg 14(2)(aa)) opens a withdrawal assessment beside the
 * conduct case and the victim's rights; the case closes only when it has concluded.
 */
export const vetting = caseSetup.createStateConfig({
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
    referralDue: clockState({
      clocks: ['vetting.referral'],
      on: { VETTING_REFERRED: 'noticeDue' },
    }),
    noticeDue: clockState({
      clocks: ['vetting.notice'],
      on: { VETTING_NOTICE_SERVED: 'representations' },
    }),
    representations: clockState({
      clocks: ['vetting.representations'],
      on: {
        VETTING_REPRESENTATIONS_RECEIVED: 'outcomeDue',
        CLOCK_RUNG: { guard: dueOf('vetting.representations'), target: 'outcomeDue' },
      },
    }),
    outcomeDue: clockState({
      clocks: ['vetting.outcome'],
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
    }),
    appealWindow: clockState({
      clocks: ['vetting.appeal'],
      on: {
        VETTING_APPEAL_LODGED: 'appealPending',
        CLOCK_RUNG: {
          guard: dueOf('vetting.appeal'),
          target: 'concluded',
          actions: 'concludeVetting',
        },
      },
    }),
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
});
