import { lawBeforeV4 } from '../case-law.ts';

/**
 * Machine version 4 (issue 14, "the law on the day"): the case records the law it runs
 * (`context.law`: its conduct date with its source, and the rule versions it runs), and gains
 * the 2026 suspension decision region (`suspensionDuty`) and the vetting route (`vetting`).
 *
 * A case stored before version 4 recorded no conduct date: the day it was received stands in,
 * marked `not-recorded-before-v4`, and it keeps the rules it was running: the 4-weekly
 * suspension review (pinned, so a conduct date on or after 13 July 2026 cannot move it onto
 * the 12-week version) and none of the 2026 duties or the vetting outcome, which the case
 * never offered. A new version of a rule never changes a live case's clocks.
 */
interface TV3Snapshot {
  value: { open?: Record<string, unknown> } | string;
  context: {
    receivedAt: string;
    recordedAs: { conductMatter: boolean; complaint: boolean } | null;
    pendingKeyDecisions: string[];
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export function migrateV3ToV4(persisted: unknown): unknown {
  const v3 = persisted as TV3Snapshot;
  const { context } = v3;
  const received = context.receivedAt.slice(0, 10);
  const value =
    typeof v3.value === 'string' || !v3.value.open
      ? v3.value
      : { open: { ...v3.value.open, suspensionDuty: 'notOwed', vetting: 'notReferred' } };
  return {
    ...v3,
    value,
    context: {
      ...context,
      law: lawBeforeV4(received),
      recordedAs: context.recordedAs
        ? { ...context.recordedAs, underSchedule3: true }
        : context.recordedAs,
      notSuspended: null,
      criminalInvestigation: false,
      listedOffenceArrest: null,
      vetting: null,
    },
  };
}
