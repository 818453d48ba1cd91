import { caseSetup, rebase } from '../machine-setup.ts';
import { clockState } from './clock-state.ts';

/** Who investigates: an independent investigator in force, or another force. */
export const investigation = caseSetup.createStateConfig({
  initial: 'awaitingSeverity',
  states: {
    awaitingSeverity: {
      on: {
        $SEVERITY_ASSESSED: [
          { guard: 'needsInvestigation', target: 'appointmentDue' },
          { target: 'notRequired' },
        ],
      },
    },
    notRequired: {
      on: { $SEVERITY_REVISED: { guard: 'needsInvestigation', target: 'appointmentDue' } },
    },
    appointmentDue: clockState({
      clocks: ['investigator.appointment'],
      on: {
        INVESTIGATOR_APPOINTED: {
          guard: 'gatesOpen',
          target: 'inForce',
          actions: ['recordInvestigator', 'announceInvestigation'],
        },
        EXTERNAL_FORCE_REQUESTED: {
          guard: 'gatesOpen',
          target: 'externalRequested',
          actions: 'recordInvestigator',
        },
      },
    }),
    inForce: {
      on: {
        // Re-assigned on conflict: a new declaration, the same gates.
        INVESTIGATOR_APPOINTED: { guard: 'gatesOpen', actions: 'recordInvestigator' },
      },
    },
    externalRequested: clockState({
      clocks: ['external.response'],
      on: {
        EXTERNAL_FORCE_RESPONDED: [
          {
            guard: 'externalAccepted',
            target: 'external',
            actions: 'announceInvestigation',
          },
          { target: 'appointmentDue' },
        ],
      },
    }),
    external: clockState({
      clocks: ['external.progress-review'],
      on: {
        EXTERNAL_PROGRESS_REVIEWED: {
          target: 'external',
          reenter: true,
          actions: rebase('external.progress-review'),
        },
        // Progress reviews end with the external force's final report.
        $REPORT_RECEIVED: 'externalReported',
      },
    }),
    externalReported: {},
  },
});
