import { caseSetup, dueOf, rebase } from '../machine-setup.ts';
import { clockState } from './clock-state.ts';

/** A revised severity needs a new reg 17 notice. */
const newReg17Notice = {
  target: '#ppda-case.open.conduct.active.progress.noticeDue',
  reenter: true,
  actions: rebase('reg17.notice'),
} as const;

/** The misconduct investigation: runs alongside the criminal case by default. */
export const conduct = caseSetup.createStateConfig({
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
            noticeDue: clockState({
              clocks: ['reg17.notice'],
              on: {
                REG17_NOTICE_SERVED: { target: 'investigating', actions: 'recordReg17' },
                $SEVERITY_REVISED: newReg17Notice,
              },
            }),
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
                    open: clockState({
                      clocks: ['officer.representations'],
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
                    }),
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
                    alternativeDateWindow: clockState({
                      clocks: ['interview.alternative-date'],
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
                    }),
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
            paused: clockState({
              clocks: ['conduct-pause.review'],
              pauses: ['reg17.notice'],
              on: { CONDUCT_RESUMED: 'running' },
            }),
          },
        },
      },
    },
    reported: {},
  },
});
