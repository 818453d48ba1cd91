/**
 * Machine version 1 had three regions at the root (recording, referral, severity). Version 2
 * puts every region under `open` and adds the rest of the lifecycle; new regions start where
 * a new case would, except the investigation, which follows the severity already assessed.
 */
interface TV1Snapshot {
  status: string;
  value: { recording: string; referral: string; severity: string };
  context: {
    reference: string;
    receivedAt: string;
    referralCriteria: string[];
    recordedAs: unknown;
    referral: { referred: boolean; decidedAt: string } | null;
    severity: { level: string; assessedAt: string } | null;
    overdue: string[];
  };
  [key: string]: unknown;
}

export function migrateV1ToV2(persisted: unknown): unknown {
  const v1 = persisted as TV1Snapshot;
  const { context } = v1;
  const investigation = !context.severity
    ? 'awaitingSeverity'
    : context.severity.level === 'no-misconduct'
      ? 'notRequired'
      : 'appointmentDue';
  return {
    ...v1,
    value: {
      open: {
        recording: v1.value.recording,
        referral:
          v1.value.referral === 'referred' ? { referred: 'awaitingMode' } : v1.value.referral,
        severity: v1.value.severity,
        deployment: 'undecided',
        investigation,
        conduct: 'notStarted',
        criminal: {
          keyDecisions: 'noneOutstanding',
          rightToReview: 'notApplicable',
          protectiveOrders: 'notConsidered',
          risk: 'unassessed',
          result: 'pending',
        },
        victim: { updates: 'due', outcomeNotice: 'noOutcome', officerInCharge: 'unchanged' },
        decision: 'awaitingReport',
        oversight: { overrun: 'reportDue', board: 'reviewDue' },
      },
    },
    context: {
      ...context,
      subject: { isChiefOfficer: false, externalForceRequiredBecause: null },
      severity: context.severity ? { ...context.severity, revisions: 0 } : null,
      iopcMode: null,
      deployment: 'undecided',
      investigation: null,
      reg17ServedAt: null,
      overrunReports: 0,
      pendingKeyDecisions: [],
      risk: null,
      criminalResult: null,
      victim: {
        enhancedRights: true,
        spocId: null,
        harmTestException: false,
        preferencesRecorded: false,
        toldOutcome: false,
      },
      outcome: null,
      iopcNotifiedOfOutcome: false,
      clocks: {},
    },
  };
}
