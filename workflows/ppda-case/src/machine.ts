import { and } from 'xstate';
import { initialContext } from './context.ts';
import { caseSetup } from './machine-setup.ts';
import { conduct } from './regions/conduct.ts';
import { criminal } from './regions/criminal.ts';
import { decision } from './regions/decision.ts';
import { deployment } from './regions/deployment.ts';
import { investigation } from './regions/investigation.ts';
import { oversight } from './regions/oversight.ts';
import { recording } from './regions/recording.ts';
import { referral } from './regions/referral.ts';
import { severity } from './regions/severity.ts';
import { suspensionDuty } from './regions/suspension-duty.ts';
import { vetting } from './regions/vetting.ts';
import { victim } from './regions/victim.ts';
import { noClockRunningIn } from './state-clocks.ts';

export type { TClockDeclaration, TStateMeta } from './machine-setup.ts';

export const MACHINE_ID = 'ppda-case';
/** Bump with a snapshot migration (migrations/) whenever states or context change shape. */
export const MACHINE_VERSION = 4;

/**
 * The case machine: an open case runs its regions in parallel (one file each under
 * regions/, typed by `caseSetup`), which talk through internal `$…` events; a case closes
 * once its facts allow it and no clock that blocks closure still runs. The order of the
 * regions is the order of the persisted state value and of the diagram.
 */
const baseMachine = caseSetup.createMachine({
  id: MACHINE_ID,
  initial: 'open',
  context: ({ input }) => initialContext(input),
  states: {
    open: {
      type: 'parallel',
      on: {
        CLOCK_RUNG: { actions: 'noteRung' },
        CASE_CLOSED: { guard: and(['closureFactsMet', 'noClockRunning']), target: 'closed' },
      },
      states: {
        recording,
        referral,
        severity,
        deployment,
        investigation,
        conduct,
        criminal,
        victim,
        decision,
        suspensionDuty,
        vetting,
        oversight,
      },
    },
    closed: { type: 'final' },
  },
});

/**
 * `gate.closure` also needs every clock to have stopped, bar those that run while the case
 * is open and end with it. Which states run clocks is read from the machine itself.
 */
export const ppdaCaseMachine = baseMachine.provide({
  guards: { noClockRunning: noClockRunningIn(baseMachine) },
});

export type TPpdaCaseMachine = typeof ppdaCaseMachine;
