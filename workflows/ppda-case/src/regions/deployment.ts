import { caseSetup, dueOf, rebase, setDeployment } from '../machine-setup.ts';
import { clockState } from './clock-state.ts';

/** From undecided or unrestricted: no review clock has run yet, so none is re-based. */
const firstSuspension = {
  guard: 'gatesOpen',
  target: 'suspended',
  actions: setDeployment('suspended'),
} as const;
const firstRestriction = {
  guard: 'gatesOpen',
  target: 'restricted',
  actions: [setDeployment('restricted'), 'restrictionReviewOnEntry'],
} as const;

/** Suspension (AA, CondR 11) or restriction (Head of PSD), reviewed every 4 weeks. */
export const deployment = caseSetup.createStateConfig({
  initial: 'undecided',
  states: {
    undecided: {
      on: {
        SUSPENDED: firstSuspension,
        RESTRICTED: firstRestriction,
        NO_RESTRICTION_DECIDED: {
          guard: 'gatesOpen',
          target: 'unrestricted',
          actions: setDeployment('none'),
        },
        SUSPENSION_NOT_REQUIRED: {
          guard: 'gatesOpen',
          target: 'unrestricted',
          actions: ['recordNotSuspended', setDeployment('none')],
        },
      },
    },
    unrestricted: {
      on: {
        SUSPENDED: firstSuspension,
        RESTRICTED: firstRestriction,
        SUSPENSION_NOT_REQUIRED: { guard: 'gatesOpen', actions: 'recordNotSuspended' },
      },
    },
    suspended: {
      type: 'parallel',
      on: {
        SUSPENSION_LIFTED: { target: 'lifted', actions: setDeployment('lifted') },
      },
      states: {
        writtenConfirmation: {
          initial: 'checking',
          states: {
            checking: {
              always: [{ guard: 'isOralSuspension', target: 'due' }, { target: 'notNeeded' }],
            },
            due: clockState({
              clocks: ['suspension.confirm-in-writing'],
              on: { SUSPENSION_CONFIRMED_IN_WRITING: 'confirmed' },
            }),
            confirmed: {},
            notNeeded: {},
          },
        },
        representations: {
          initial: 'open',
          states: {
            open: clockState({
              clocks: ['suspension.representations'],
              on: {
                SUSPENSION_REPRESENTATIONS_RECEIVED: 'received',
                CLOCK_RUNG: {
                  guard: dueOf('suspension.representations'),
                  target: 'closed',
                },
              },
            }),
            received: {},
            closed: {},
          },
        },
        review: {
          initial: 'scheduled',
          states: {
            scheduled: clockState({
              clocks: ['suspension.review'],
              on: {
                SUSPENSION_REVIEWED: {
                  target: 'scheduled',
                  reenter: true,
                  actions: rebase('suspension.review'),
                },
              },
            }),
          },
        },
      },
    },
    restricted: clockState({
      clocks: [{ rule: 'suspension.review', duty: 'RESTRICTION_REVIEWED' }],
      on: {
        RESTRICTION_REVIEWED: {
          target: 'restricted',
          reenter: true,
          actions: 'rebaseRestrictionReview',
        },
        SUSPENSION_NOT_REQUIRED: { guard: 'gatesOpen', actions: 'recordNotSuspended' },
        RESTRICTION_LIFTED: { target: 'lifted', actions: setDeployment('lifted') },
        SUSPENDED: {
          guard: 'gatesOpen',
          target: 'suspended',
          actions: [setDeployment('suspended'), rebase('suspension.review')],
        },
      },
    }),
    lifted: {
      on: {
        SUSPENDED: {
          guard: 'gatesOpen',
          target: 'suspended',
          actions: [setDeployment('suspended'), rebase('suspension.review')],
        },
        RESTRICTED: {
          guard: 'gatesOpen',
          target: 'restricted',
          actions: [setDeployment('restricted'), 'rebaseRestrictionReview'],
        },
        SUSPENSION_NOT_REQUIRED: { guard: 'gatesOpen', actions: 'recordNotSuspended' },
      },
    },
  },
});
