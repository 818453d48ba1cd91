// Snapshots saved by machine version 1 restore on version 2 with their clocks intact.
import { describe, expect, it } from 'vitest';
import { activeClocks, persistCase, restoreCase, type TCaseSnapshot } from './case-logic.ts';
import type { TCaseEvent, TCaseInput } from './events.ts';
import { MACHINE_VERSION, ppdaCaseMachine } from './machine.ts';
import fixtures from './migrations/fixtures/v1-snapshots.json' with { type: 'json' };
import { migrateSnapshot, SnapshotVersionError } from './migrations/index.ts';
import { clockStateNodes } from './state-clocks.ts';
import { accept, dueRung, play, sample } from './test-support.ts';

/** The regions version 1 had; version 2 keeps their states and clocks. */
const V1_REGIONS = ['recording', 'referral', 'severity'];
const v1RegionRules = new Set(
  clockStateNodes(ppdaCaseMachine)
    .filter((node) => V1_REGIONS.includes(node.id.split('.')[2] ?? ''))
    .flatMap((node) => node.rules),
);
const v1Clocks = (snapshot: TCaseSnapshot) =>
  activeClocks(snapshot).filter((clock) => v1RegionRules.has(clock.ruleId));

const input: TCaseInput = {
  reference: 'PPDA-25-BCDFGH',
  receivedAt: '2025-03-03T10:00:00.000Z',
  referralCriteriaMet: ['serious-assault'],
};

interface TFixtureCase {
  /** What version 1's `activeClocks` reported for the snapshot. */
  v1Clocks: string[];
  /** The events that led version 1 there, replayed on version 2. */
  history: TCaseEvent[];
  /** An event the restored case must take next, and the clocks running after it. */
  next: TCaseEvent;
  v1ClocksAfterNext: string[];
}

const CASES: Record<keyof typeof fixtures.snapshots, TFixtureCase> = {
  'referral-decision-due': {
    v1Clocks: ['iopc.referral', 'record.decision'],
    history: [],
    next: sample('MATTER_RECORDED'),
    v1ClocksAfterNext: ['iopc.referral', 'severity.assessment'],
  },
  'severity-overdue': {
    v1Clocks: ['severity.assessment'],
    history: [
      sample('MATTER_RECORDED'),
      { ...sample('IOPC_REFERRAL_DECIDED', { referred: true }), at: '2025-03-03T12:00:00.000Z' },
      dueRung('severity.assessment'),
    ],
    next: sample('SEVERITY_ASSESSED', { level: 'misconduct' }),
    v1ClocksAfterNext: [],
  },
};

describe('v1 snapshots', () => {
  it('cover every saved fixture', () => {
    expect(fixtures.machineVersion).toBe(1);
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(fixtures.snapshots).sort());
  });

  describe.each(Object.entries(CASES))('%s', (name, expected) => {
    const persisted = fixtures.snapshots[name as keyof typeof fixtures.snapshots];
    const restored = () => restoreCase(structuredClone(persisted), fixtures.machineVersion);

    it('restores with the clocks version 1 ran, as fresh timers', () => {
      const clocks = v1Clocks(restored());
      expect(clocks.map((clock) => clock.ruleId)).toEqual(expected.v1Clocks);
      expect(clocks.map((clock) => clock.key)).toEqual(
        expected.v1Clocks.map((ruleId) => `${ruleId}#0`),
      );
      expect(restored().context.overdue).toEqual(persisted.context.overdue);
    });

    it('restores to the snapshot version 2 reaches by the same events', () => {
      const replayed = play(input, expected.history);
      expect(restored().value).toEqual(replayed.value);
      expect(restored().context).toEqual(replayed.context);
      expect(activeClocks(restored())).toEqual(activeClocks(replayed));
    });

    it('carries on accepting events, and persists as version 2', () => {
      const next = accept(restored(), expected.next);
      expect(v1Clocks(next).map((clock) => clock.ruleId)).toEqual(expected.v1ClocksAfterNext);
      const again = restoreCase(JSON.parse(JSON.stringify(persistCase(next))));
      expect(again.value).toEqual(next.value);
      expect(again.context).toEqual(next.context);
    });
  });
});

describe('migrateSnapshot', () => {
  it('leaves a current snapshot as it is', () => {
    const persisted = persistCase(play(input, []));
    expect(migrateSnapshot(persisted, MACHINE_VERSION)).toBe(persisted);
  });

  it('refuses a snapshot newer than this engine, naming both versions', () => {
    const persisted = persistCase(play(input, []));
    expect(() => restoreCase(persisted, MACHINE_VERSION + 1)).toThrow(SnapshotVersionError);
    expect(() => migrateSnapshot(persisted, MACHINE_VERSION + 1)).toThrow(
      `snapshot of machine version ${MACHINE_VERSION + 1} is newer than this engine's ${MACHINE_VERSION}`,
    );
  });

  it('refuses a version it has no migration from', () => {
    expect(() => migrateSnapshot({}, 0)).toThrow('no migration from machine version 0');
  });
});

describe('v2 snapshots (before the screening duty, issue 13)', () => {
  /** What version 2 stored for a case recorded with no criterion: still `screening`. */
  function asVersion2(snapshot: TCaseSnapshot) {
    const persisted = structuredClone(persistCase(snapshot)) as {
      value: { open: Record<string, unknown> };
      context: Record<string, unknown> & { clocks: Record<string, unknown> };
    };
    persisted.value.open.referral = 'screening';
    const { criteriaAppliedByEngine, referralScreening, interviewDate, ...context } =
      persisted.context;
    const { 'victim.vrr-info': _vrr, ...clocks } = context.clocks;
    return { ...persisted, context: { ...context, clocks } };
  }
  const recorded = (victimHasEnhancedRights: boolean) =>
    play({ ...input, referralCriteriaMet: [], victimHasEnhancedRights }, [
      sample('MATTER_RECORDED'),
    ]);

  it('moves a recorded, unscreened case to screeningDue, so its screening clock runs', () => {
    const restored = restoreCase(asVersion2(recorded(true)), 2);
    expect(restored.value).toEqual(recorded(true).value);
    expect(restored.context).toEqual(recorded(true).context);
    expect(activeClocks(restored).map((clock) => clock.ruleId)).toContain('referral.screening');
  });

  it('gives a victim without enhanced rights VRR information with the 5 WD NFA notice', () => {
    const restored = restoreCase(asVersion2(recorded(false)), 2);
    expect(restored.context.clocks['victim.vrr-info']).toEqual({
      epoch: 0,
      duration: { amount: 5, unit: 'working-days' },
    });
    expect(restored.context).toEqual(recorded(false).context);
  });
});
