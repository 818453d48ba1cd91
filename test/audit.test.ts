import { PDFParse } from 'pdf-parse';
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
let neglectedReference: string;
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
    neglectedReference = neglected.reference;
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

  it('renders as PDF: reading it back finds exactly the defects of the JSON report, case by case', async () => {
    const report = await audit('auditor-1');
    const response = await h.as('auditor-1', { method: 'GET', url: '/audit.pdf' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="ppda-audit-2025-03-05.pdf"',
    );
    const parser = new PDFParse({ data: new Uint8Array(response.rawPayload) });
    let text: string;
    try {
      ({ text } = await parser.getText());
    } finally {
      await parser.destroy();
    }
    // Each failing case's reference, then one "Finding: <check>: <words>" line per defect.
    const references = new Set(report.cases.map((entry) => entry.reference));
    const found: string[] = [];
    let current: string | undefined;
    for (const line of text.split('\n').map((each) => each.trim())) {
      if (references.has(line)) current = line;
      const finding = /^Finding: ([a-z0-9-]+):/.exec(line)?.[1];
      if (finding) found.push(`${current} ${finding}`);
    }
    const expected = report.cases.flatMap((entry) =>
      entry.findings.map((finding) => `${entry.reference} ${finding}`),
    );
    expect(found.sort()).toEqual(expected.sort());
    expect(found).toContain(`${neglectedReference} no-iopc-decision`);
    expect(text).toContain(
      `Cases failing a check: ${report.cases.filter((entry) => entry.findings.length > 0).length}`,
    );
    expect(
      await h.runtime.db.prisma.accessLogEntry.count({
        where: { personId: 'auditor-1', route: '/audit.pdf', allowed: true },
      }),
    ).toBe(1);
    expect((await h.as('inv-1', { method: 'GET', url: '/audit.pdf' })).statusCode).toBe(403);
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
