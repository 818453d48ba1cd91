import { caseSetup } from '../machine-setup.ts';
import { clockState } from './clock-state.ts';

/** Intake: recorded as a conduct matter and/or complaint (PRA 2002 s12(2)). */
export const recording = caseSetup.createStateConfig({
  initial: 'awaitingRecord',
  states: {
    awaitingRecord: clockState({
      clocks: ['record.decision'],
      on: {
        MATTER_RECORDED: {
          guard: 'gatesOpen',
          target: 'recorded',
          actions: 'recordMatter',
        },
      },
    }),
    recorded: {},
  },
});
