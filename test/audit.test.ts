import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type THarness } from './support/harness.ts';
import { ACC_UNDER_THE_AA } from './support/people.ts';

// Mon 3 Mar 2025 10:00 London.
const START = new Date('2025-03-03T10:00:00.000Z');
const RATIONALE = 'Reasons recorded for the audit test.';

interface TAuditCase {
  caseId: string;
  reference: string;
  status: string;
  findings: string[];
}

let h: THarness;
beforeAll(async () => {
  h = await startHarness({ start: START });
});
afterAll(async () => {
  await h?.close();
});

async function audit(as: string) {
  const response = await h.as(as, { method: 'GET', url: '/audit' });
  expect(response.statusCode).toBe(200);
  return response.json() as { totals: Record<string, number>; cases: TAuditCase[] };
}

describe('GET /audit (recommendation 1)', () => {
  it('lists each live case with the failures it shows, and none for a case handled in time', async () => {
    // Neglected: a referral criterion met at receipt, then nothing recorded.
    const neglected = await h.report({ referralCriteriaMet: ['serious-assault'] });
    // Handled: recorded, assessed, deployment and protective orders decided at intake.
    const handled = await h.report();
    for (const decision of [
      { type: 'MATTER_RECORDED', asConductMatter: true, asComplaint: false },
      { type: 'SEVERITY_ASSESSED', level: 'misconduct' },
      { type: 'NO_RESTRICTION_DECIDED' },
      { type: 'PROTECTIVE_ORDERS_CONSIDERED', decision: 'none-needed' },
    ]) {
      expect(
        (await h.decide(handled.caseId, { ...decision, rationale: RATIONALE })).statusCode,
      ).toBe(200);
    }
    // Wed 5 Mar 09:00: record.decision and iopc.referral are past due; the rest still run.
    await h.time.advanceTo(new Date('2025-03-05T09:00:00.000Z'));

    const report = await audit('auditor-1');
    const byId = new Map(report.cases.map((entry) => [entry.caseId, entry]));
    expect(byId.get(neglected.caseId)).toMatchObject({
      reference: neglected.reference,
      status: 'open',
      findings: ['not-recorded-as-conduct-matter', 'no-iopc-decision'],
    });
    expect(byId.get(handled.caseId)?.findings).toEqual([]);
    expect(report.totals['no-iopc-decision']).toBe(
      report.cases.filter((entry) => entry.findings.includes('no-iopc-decision')).length,
    );
    // Every read of PPDA records is logged, the auditor's too.
    expect(
      await h.runtime.db.prisma.accessLogEntry.count({
        where: { personId: 'auditor-1', route: '/audit', allowed: true },
      }),
    ).toBe(1);
  });

  it('leaves out a case kept from the reader (the AA in its subject line chain)', async () => {
    await h.engine.importDirectory({ people: [ACC_UNDER_THE_AA] }, { actorId: 'ops-1' });
    const { caseId } = await h.report({ subjectId: ACC_UNDER_THE_AA.id });
    expect((await audit('aa-1')).cases.map((entry) => entry.caseId)).not.toContain(caseId);
    expect((await audit('auditor-1')).cases.map((entry) => entry.caseId)).toContain(caseId);
  });

  it('is for the Head of PSD, the AA and oversight: an investigator gets 403', async () => {
    expect((await h.as('inv-1', { method: 'GET', url: '/audit' })).statusCode).toBe(403);
    expect((await h.as('head-1', { method: 'GET', url: '/audit' })).statusCode).toBe(200);
  });
});
