import { caseSetup, rebase } from '../machine-setup.ts';
import { clockState } from './clock-state.ts';

/** Clocks that run while the case is open: overrun reports and the DCC's board. */
export const oversight = caseSetup.createStateConfig({
  type: 'parallel',
  states: {
    overrun: {
      initial: 'reportDue',
      states: {
        reportDue: clockState({
          clocks: ['investigation.overrun-report'],
          on: {
            OVERRUN_REPORTED: {
              target: 'reportDue',
              reenter: true,
              actions: 'nextOverrunReport',
            },
          },
        }),
      },
    },
    board: {
      initial: 'reviewDue',
      states: {
        reviewDue: clockState({
          clocks: ['oversight.board-review'],
          on: {
            BOARD_REVIEW_HELD: {
              target: 'reviewDue',
              reenter: true,
              actions: rebase('oversight.board-review'),
            },
          },
        }),
      },
    },
  },
});
