import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type THarness } from './support/harness.ts';
import { ACC_UNDER_THE_AA } from './support/people.ts';
import { demoSignIn, getPage, startWeb, type TWebHarness } from './support/web.ts';

// Mon 3 Mar 2025 10:00 London.
const START = new Date('2025-03-03T10:00:00.000Z');
const RATIONALE = 'Reasons recorded for the board pack test.';

interface TClock {
  ruleId: string;
  title: string;
  dueAt: string;
}
interface TPackCase {
  caseId: string;
  reference: string;
  risk: string | null;
  clocksAtRisk: TClock[];
  overdue: TClock[];
  decisionsSince: { type: string; actorRole: string; occurredAt: string }[];
}
interface TPack {
  asOf: string;
  since: string;
  totals: { cases: number; clocksAtRisk: number; overdue: number; decisionsSince: number };
  cases: TPackCase[];
}

let h: THarness;
let web: TWebHarness;
beforeAll(async () => {
  h = await startHarness({ start: START });
  web = await startWeb(h);
});
afterAll(async () => {
  await web?.app.close();
  await h?.close();
});

/** Sign in to the web application through the demo page: the session cookie. */
async function signIn(personId: string) {
  return (await demoSignIn(web.app, personId)).cookie;
}

async function pack(as: string, query = '') {
  const response = await h.as(as, { method: 'GET', url: `/board-pack${query}` });
  expect(response.statusCode).toBe(200);
  return response.json() as TPack;
}

/** Rows of a CSV whose cells hold no line breaks (the pack and audit join lists with '; '). */
function csvLines(body: string): string[] {
  return body.split(/\r?\n/).filter((line) => line.length > 0);
}

describe('GET /board-pack (the 28-day board pack)', () => {
  let neglected: { caseId: string; reference: string };
  let kept: string;

  beforeAll(async () => {
    // A referral criterion met at receipt, only the deployment decided: record.decision and
    // iopc.referral run on and are past due by Wed 5 Mar 09:00.
    neglected = await h.report({ referralCriteriaMet: ['serious-assault'] });
    expect(
      (
        await h.decide(neglected.caseId, {
          type: 'NO_RESTRICTION_DECIDED',
          rationale: RATIONALE,
        })
      ).statusCode,
    ).toBe(200);
    // The DASH risk assessment: the pack shows the level the case recorded.
    expect(
      (
        await h.decide(neglected.caseId, {
          type: 'DASH_ASSESSED',
          level: 'high',
          rationale: RATIONALE,
        })
      ).statusCode,
    ).toBe(200);
    await h.engine.importDirectory({ people: [ACC_UNDER_THE_AA] }, { actorId: 'ops-1' });
    kept = (await h.report({ subjectId: ACC_UNDER_THE_AA.id })).caseId;
    await h.time.advanceTo(new Date('2025-03-05T09:00:00.000Z'));
  });

  it('lists a live case with its overdue clocks and the decision since the last board', async () => {
    const report = await pack('auditor-1');
    const entry = report.cases.find((item) => item.caseId === neglected.caseId);
    expect(entry).toMatchObject({ reference: neglected.reference, risk: 'high' });
    expect(entry?.overdue.map((clock) => clock.ruleId)).toEqual(
      expect.arrayContaining(['record.decision', 'iopc.referral']),
    );
    for (const clock of entry?.overdue ?? [])
      expect(Date.parse(clock.dueAt)).toBeLessThanOrEqual(Date.parse(report.asOf));
    for (const clock of entry?.clocksAtRisk ?? [])
      expect(Date.parse(clock.dueAt)).toBeGreaterThan(Date.parse(report.asOf));
    expect(entry?.decisionsSince.map((decision) => decision.type)).toEqual([
      'NO_RESTRICTION_DECIDED',
      'DASH_ASSESSED',
    ]);
    // The default last board is 28 days before now.
    expect(Date.parse(report.asOf) - Date.parse(report.since)).toBe(28 * 24 * 60 * 60 * 1000);
    expect(report.totals.cases).toBe(report.cases.length);
    // A board held after the decision: it is no longer listed, the clocks still are.
    const later = await pack('auditor-1', '?since=2025-03-04T00:00:00Z');
    const again = later.cases.find((item) => item.caseId === neglected.caseId);
    expect(again?.decisionsSince).toEqual([]);
    expect(again?.overdue.length).toBe(entry?.overdue.length);
    // Every read is logged.
    expect(
      await h.runtime.db.prisma.accessLogEntry.count({
        where: { personId: 'auditor-1', route: '/board-pack', allowed: true },
      }),
    ).toBe(2);
  });

  it('leaves out a case kept from the reader (the AA in its subject line chain)', async () => {
    expect((await pack('aa-1')).cases.map((entry) => entry.caseId)).not.toContain(kept);
    expect((await pack('auditor-1')).cases.map((entry) => entry.caseId)).toContain(kept);
  });

  it('downloads as CSV: a header and one row per case', async () => {
    const json = await pack('auditor-1');
    const response = await h.as('auditor-1', { method: 'GET', url: '/board-pack.csv' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="ppda-board-pack-2025-03-05.csv"',
    );
    const lines = csvLines(response.body);
    expect(lines[0]).toBe(
      'reference,reported_at,risk,clocks_at_risk,clocks_at_risk_detail,overdue,overdue_detail,decisions_since_last_board,decisions_detail',
    );
    expect(lines.length).toBe(1 + json.cases.length);
    const row = lines.find((line) => line.startsWith(`${neglected.reference},`));
    expect(row?.split(',')[2]).toBe('high');
    expect(row).toContain('record.decision');
    expect(row).toContain('NO_RESTRICTION_DECIDED');
    // The AA's file leaves the kept case out, as the JSON does.
    const aa = await h.as('aa-1', { method: 'GET', url: '/board-pack.csv' });
    expect(csvLines(aa.body).length).toBe(1 + (await pack('aa-1')).cases.length);
    expect(
      await h.runtime.db.prisma.accessLogEntry.count({
        where: { personId: 'auditor-1', route: '/board-pack.csv', allowed: true },
      }),
    ).toBe(1);
  });

  it('the audit downloads as CSV too, with each case and its findings', async () => {
    const audit = (await h.as('auditor-1', { method: 'GET', url: '/audit' })).json() as {
      cases: { reference: string; findings: string[] }[];
    };
    const response = await h.as('auditor-1', { method: 'GET', url: '/audit.csv' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="ppda-audit-2025-03-05.csv"',
    );
    const lines = csvLines(response.body);
    expect(lines[0]?.startsWith('reference,status,closed_at,findings,')).toBe(true);
    expect(lines.length).toBe(1 + audit.cases.length);
    const findings = audit.cases.find((entry) => entry.reference === neglected.reference)?.findings;
    expect(findings).toContain('no-iopc-decision');
    expect(lines.find((line) => line.startsWith(`${neglected.reference},`))).toContain(
      'no-iopc-decision',
    );
    expect(
      await h.runtime.db.prisma.accessLogEntry.count({
        where: { personId: 'auditor-1', route: '/audit.csv', allowed: true },
      }),
    ).toBe(1);
  });

  it('is for the Head of PSD, the AA and oversight: an investigator gets 403', async () => {
    for (const url of ['/board-pack', '/board-pack.csv', '/audit.csv']) {
      expect((await h.as('inv-1', { method: 'GET', url })).statusCode).toBe(403);
      expect((await h.as('head-1', { method: 'GET', url })).statusCode).toBe(200);
    }
  });

  it('is a web page with the CSV download, for oversight only', async () => {
    const cookie = await signIn('auditor-1');
    const page = await getPage(web.app, '/oversight/board-pack', cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(neglected.reference);
    expect(page.body).toContain('href="/oversight/board-pack.csv"');
    expect(page.body).toContain(`/cases/${kept}`);
    const aa = await getPage(web.app, '/oversight/board-pack', await signIn('aa-1'));
    expect(aa.statusCode).toBe(200);
    expect(aa.body).toContain(neglected.reference);
    expect(aa.body).not.toContain(kept);
    const csv = await getPage(web.app, '/oversight/board-pack.csv', cookie);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csvLines(csv.body).length).toBe(1 + (await pack('auditor-1')).cases.length);
    const audit = await getPage(web.app, '/oversight/audit', cookie);
    expect(audit.body).toContain('href="/oversight/audit.csv"');
    const auditCsv = await getPage(web.app, '/oversight/audit.csv', cookie);
    expect(auditCsv.statusCode).toBe(200);
    expect(auditCsv.body).toContain(neglected.reference);
    const investigator = await signIn('inv-1');
    for (const url of ['/oversight/board-pack', '/oversight/board-pack.csv']) {
      const refused = await web.app.inject({
        method: 'GET',
        url,
        headers: { cookie: investigator },
      });
      expect(refused.statusCode).toBe(403);
    }
  });

  it('renders as PDF: reading it back finds the case count and the case', async () => {
    const json = await pack('auditor-1');
    const response = await h.as('auditor-1', { method: 'GET', url: '/board-pack.pdf' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="ppda-board-pack-2025-03-05.pdf"',
    );
    const parser = new PDFParse({ data: new Uint8Array(response.rawPayload) });
    try {
      const { text } = await parser.getText();
      expect(text).toContain(`Live cases: ${json.cases.length}`);
      expect(text).toContain(neglected.reference);
    } finally {
      await parser.destroy();
    }
    // The web page links the same file, served to a signed-in reader.
    const cookie = await signIn('auditor-1');
    expect(
      (await getPage(web.app, '/oversight/board-pack.pdf', cookie)).headers['content-type'],
    ).toBe('application/pdf');
    expect(
      await h.runtime.db.prisma.accessLogEntry.count({
        where: { personId: 'auditor-1', route: '/board-pack.pdf', allowed: true },
      }),
    ).toBe(1);
    expect((await h.as('inv-1', { method: 'GET', url: '/board-pack.pdf' })).statusCode).toBe(403);
  });
});
