import { and } from 'xstate';
import { caseSetup, dueOf, rebase } from '../machine-setup.ts';
import { clockState } from './clock-state.ts';

/** Criminal track: key decisions and the victim's notices, protective orders, risk. */
export const criminal = caseSetup.createStateConfig({
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
        victimNoticeDue: clockState({
          clocks: ['victim.key-decision'],
          on: {
            CRIMINAL_DECISION_RECORDED: {
              actions: ['noteKeyDecision', 'noteCriminalInvestigation'],
            },
            VICTIM_TOLD_OF_DECISION: {
              target: 'noneOutstanding',
              actions: 'clearKeyDecisions',
            },
          },
        }),
      },
    },
    rightToReview: {
      initial: 'notApplicable',
      states: {
        notApplicable: {
          on: { CRIMINAL_DECISION_RECORDED: { guard: 'isNfa', target: 'informationDue' } },
        },
        informationDue: clockState({
          clocks: ['victim.vrr-info'],
          on: { VRR_INFO_SENT: 'informed' },
        }),
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
        hearingDue: clockState({
          clocks: ['dvpn.hearing'],
          on: {
            DVPO_DECIDED: [
              { guard: 'dvpoGranted', target: 'dvpoInForce', actions: 'setDvpoLength' },
              { target: 'considered' },
            ],
          },
        }),
        dvpoInForce: clockState({
          clocks: ['dvpo.expiry'],
          on: {
            CLOCK_RUNG: { guard: dueOf('dvpo.expiry'), target: 'considered' },
            DVPN_SERVED: 'hearingDue',
          },
        }),
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
        maracReferralDue: clockState({
          clocks: ['marac.referral'],
          on: { MARAC_REFERRED: 'assessed' },
        }),
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
});
