import { caseSetup } from '../machine-setup.ts';
import { clockState } from './clock-state.ts';

/** Severity assessment (CMR 16-19, CondR 14) and revision on new evidence. */
export const severity = caseSetup.createStateConfig({
  initial: 'awaitingRecording',
  states: {
    awaitingRecording: {
      on: { MATTER_RECORDED: { guard: 'gatesOpen', target: 'assessmentDue' } },
    },
    assessmentDue: clockState({
      clocks: ['severity.assessment'],
      on: {
        SEVERITY_ASSESSED: {
          guard: 'gatesOpen',
          target: 'assessed',
          actions: ['recordSeverity', 'announceAssessment'],
        },
      },
    }),
    assessed: {
      on: {
        SEVERITY_REVISED: {
          guard: 'gatesOpen',
          actions: ['recordSeverity', 'announceRevision'],
        },
      },
    },
  },
});
