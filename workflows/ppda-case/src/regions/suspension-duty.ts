import { caseSetup } from '../machine-setup.ts';
import { clockState } from './clock-state.ts';

/**
 * The 2026 suspension decision (CondR reg 11B, conduct on or after 13 July 2026): under
 * criminal investigation and assessed as gross misconduct, in either order, the AA
 * decides within 3 WD whether to suspend.
 */
export const suspensionDuty = caseSetup.createStateConfig({
  initial: 'notOwed',
  states: {
    notOwed: {
      always: { guard: 'suspensionDecisionOwed', target: 'decisionDue' },
    },
    decisionDue: clockState({
      clocks: ['suspension.decision'],
      on: {
        SUSPENDED: { guard: 'gatesOpen', target: 'decided' },
        SUSPENSION_NOT_REQUIRED: { guard: 'gatesOpen', target: 'decided' },
      },
    }),
    decided: {},
  },
});
