/**
 * Machine version 3 (issue 13): the referral region gains the screening duty (`screeningDue`,
 * `screenedOut`), the context the criteria the engine applies, the screening record and the
 * interview date set. A case already recorded and still unscreened moves to `screeningDue`,
 * so its screening clock is armed the next time the case is written. A case keeps the
 * criteria it was reported with: the chief officer criterion is applied to new reports only.
 */
interface TV2Snapshot {
  value: { open?: { referral?: unknown; [region: string]: unknown } } | string;
  context: {
    recordedAs: unknown;
    victim: { enhancedRights: boolean };
    clocks: Record<string, unknown>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export function migrateV2ToV3(persisted: unknown): unknown {
  const v2 = persisted as TV2Snapshot;
  const { context } = v2;
  const open = typeof v2.value === 'string' ? undefined : v2.value.open;
  const value =
    open && open.referral === 'screening' && context.recordedAs !== null
      ? { open: { ...open, referral: 'screeningDue' } }
      : v2.value;
  const clocks =
    context.victim.enhancedRights || context.clocks['victim.vrr-info']
      ? context.clocks
      : {
          ...context.clocks,
          'victim.vrr-info': { epoch: 0, duration: { amount: 5, unit: 'working-days' } },
        };
  return {
    ...v2,
    value,
    context: {
      ...context,
      criteriaAppliedByEngine: [],
      referralScreening: null,
      interviewDate: null,
      clocks,
    },
  };
}
