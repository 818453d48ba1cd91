import { caseSetup, rebase } from '../machine-setup.ts';
import { clockState } from './clock-state.ts';

/** Victim engagement (CMR 34-35, Victims' Code): SPOC, updates, outcomes, preferences. */
export const victim = caseSetup.createStateConfig({
  type: 'parallel',
  on: {
    SPOC_ASSIGNED: { actions: 'updateVictim' },
    VICTIM_PREFERENCES_RECORDED: { actions: 'updateVictim' },
  },
  states: {
    updates: {
      initial: 'due',
      states: {
        due: clockState({
          clocks: ['victim.progress-update'],
          on: {
            VICTIM_UPDATE_SENT: {
              target: 'due',
              reenter: true,
              actions: rebase('victim.progress-update'),
            },
            HARM_TEST_EXCEPTION_RECORDED: { target: 'suppressed', actions: 'updateVictim' },
            $FINAL_OUTCOME_TOLD: 'finished',
          },
        }),
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
        due: clockState({
          clocks: ['victim.outcome-notice'],
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
        }),
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
});
