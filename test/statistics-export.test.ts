import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REASONED_SUSPENSION } from './support/decisions.ts';
import { startHarness, type THarness } from './support/harness.ts';
import { demoSignIn, getPage, startWeb, type TWebHarness } from './support/web.ts';

// Issue 18: the statistics export for the IOPC and Home Office returns.
// Mon 3 Mar 2025 10:00 London (GMT).
const START = new Date('2025-03-03T10:00:00.000Z');
const RATIONALE = 'Reasons recorded for the statistics export test.';
const MARCH = '?from=2025-03-01&to=2025-03-31';

let h: THarness;
let web: TWebHarness;
let referred: { caseId: string; reference: string };
let neglected: { caseId: string; reference: string };
let earlier: { caseId: string; reference: string };

async function decideAt(caseId: string, at: string, decision: Record<string, unknown>) {
  const response = await h.decideAt(caseId, at, { ...decision, rationale: RATIONALE });
  expect(response.statusCode, response.body).toBe(200);
}

beforeAll(async () => {
  h = await startHarness({ start: START });
  web = await startWeb(h);
  // Received in February, before the period, and still open in it.
  earlier = await h.report({ receivedAt: '2025-02-20T10:00:00.000Z' });
  // Referred: recorded, referred and suspended the day it came in; severity assessed a day late.
  referred = await h.report({ referralCriteriaMet: ['serious-assault'] });
  await decideAt(referred.caseId, '2025-03-03T11:00:00.000Z', {
    type: 'MATTER_RECORDED',
    asConductMatter: true,
    asComplaint: false,
  });
  await decideAt(referred.caseId, '2025-03-03T11:30:00.000Z', {
    type: 'IOPC_REFERRAL_DECIDED',
    referred: true,
  });
  await decideAt(referred.caseId, '2025-03-03T12:00:00.000Z', REASONED_SUSPENSION);
  // A complaint, no restriction, and then nothing: its severity assessment runs overdue.
  neglected = await h.report();
  await decideAt(neglected.caseId, '2025-03-03T12:30:00.000Z', {
    type: 'MATTER_RECORDED',
    asConductMatter: true,
    asComplaint: true,
  });
  await decideAt(neglected.caseId, '2025-03-03T13:00:00.000Z', {
    type: 'NO_RESTRICTION_DECIDED',
  });
  // severity.assessment: 2 WD from Mon 3 Mar, due at the end of Wed 5 Mar; assessed Thu 6 Mar.
  await decideAt(referred.caseId, '2025-03-06T10:00:00.000Z', {
    type: 'SEVERITY_ASSESSED',
    level: 'gross-misconduct',
  });
  await h.time.advanceTo(new Date('2025-03-10T09:00:00.000Z'));
});
afterAll(async () => {
  await web?.app.close();
  await h?.close();
});

type TRow = Record<string, string>;
async function csvRows(as: string, query = MARCH): Promise<TRow[]> {
  const response = await h.as(as, { method: 'GET', url: `/statistics.csv${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return parse(response.body, { columns: true }) as TRow[];
}

/** Running clocks past due now, and met clocks stopped after their due instant, from the rows. */
async function clockCounts(caseId: string, now: Date) {
  const timers = await h.runtime.db.prisma.timer.findMany({ where: { caseId } });
  return {
    clocks_overdue: String(
      timers.filter((t) => ['armed', 'overdue'].includes(t.status) && t.dueAt < now).length,
    ),
    clocks_met_late: String(
      timers.filter((t) => t.status === 'met' && t.stoppedAt && t.stoppedAt > t.dueAt).length,
    ),
  };
}

describe('GET /statistics (IOPC and Home Office returns)', () => {
  it('exports one row per PPDA case open in the period, each with the PPDA flag and known values', async () => {
    const rows = await csvRows('auditor-1');
    expect(rows.map((row) => row.reference)).toEqual([
      earlier.reference,
      referred.reference,
      neglected.reference,
    ]);
    expect(rows.every((row) => row.ppda_flag === 'yes')).toBe(true);
    const byReference = new Map(rows.map((row) => [row.reference, row]));
    const now = new Date('2025-03-10T09:00:00.000Z');

    expect(byReference.get(referred.reference)).toEqual({
      ppda_flag: 'yes',
      reference: referred.reference,
      received_on: '2025-03-03',
      received_in_period: 'yes',
      status: 'open',
      finalised_on: '',
      finalised_in_period: 'no',
      recorded_as: 'conduct-matter',
      under_schedule_3: 'yes',
      allegation_type: 'serious-assault',
      mandatory_referral: 'yes',
      severity: 'gross-misconduct',
      iopc_referred: 'yes',
      iopc_mode: '',
      external_force: '',
      suspended_on: '2025-03-03',
      restricted_on: '',
      not_suspended_on: '',
      deployment_now: 'suspended',
      criminal_investigation: 'no',
      criminal_result: '',
      case_to_answer: '',
      forum: '',
      conduct_outcome: '',
      vetting: '',
      recorded_days: '0',
      recorded_on_time: 'yes',
      referral_decision_days: '0',
      referral_decision_on_time: 'yes',
      // Due at the end of Wed 5 Mar, assessed Thu 6 Mar: three days, late.
      severity_assessment_days: '3',
      severity_assessment_on_time: 'no',
      suspension_decision_days: '',
      suspension_decision_on_time: '',
      investigator_appointed_days: '',
      investigator_appointed_on_time: '',
      case_to_answer_days: '',
      case_to_answer_on_time: '',
      days_to_finalise: '',
      ...(await clockCounts(referred.caseId, now)),
    });
    expect(byReference.get(referred.reference)!.clocks_met_late).not.toBe('0');

    expect(byReference.get(neglected.reference)).toMatchObject({
      received_on: '2025-03-03',
      received_in_period: 'yes',
      recorded_as: 'complaint-and-conduct-matter',
      allegation_type: 'domestic-abuse',
      mandatory_referral: 'no',
      severity: '',
      iopc_referred: '',
      suspended_on: '',
      deployment_now: 'none',
      recorded_days: '0',
      recorded_on_time: 'yes',
      // No referral criterion: no referral clock ran.
      referral_decision_days: '',
      referral_decision_on_time: '',
      // Never assessed, and past due: late, with no days to show.
      severity_assessment_days: '',
      severity_assessment_on_time: 'no',
      ...(await clockCounts(neglected.caseId, now)),
    });
    expect(Number(byReference.get(neglected.reference)!.clocks_overdue)).toBeGreaterThan(0);

    expect(byReference.get(earlier.reference)).toMatchObject({
      received_on: '2025-02-20',
      received_in_period: 'no',
      status: 'open',
      recorded_as: '',
    });
  });

  it('JSON carries the same rows and totals; a period before any case has none', async () => {
    const response = await h.as('head-1', { method: 'GET', url: `/statistics${MARCH}` });
    expect(response.statusCode).toBe(200);
    const body = response.json() as {
      from: string;
      to: string;
      totals: Record<string, number>;
      rows: { reference: string; ppda: boolean }[];
    };
    expect([body.from, body.to]).toEqual(['2025-03-01', '2025-03-31']);
    expect(body.totals).toMatchObject({
      cases: 3,
      receivedInPeriod: 2,
      finalisedInPeriod: 0,
      suspended: 1,
      iopcReferred: 1,
    });
    expect(body.rows.every((row) => row.ppda === true)).toBe(true);
    expect(await csvRows('aa-1', '?from=2025-01-01&to=2025-01-31')).toEqual([]);
    // February holds only the case received then.
    expect(
      (await csvRows('aa-1', '?from=2025-02-01&to=2025-02-28')).map((row) => row.reference),
    ).toEqual([earlier.reference]);
  });

  it('a bad period is a 400 naming the field, and nothing is exported', async () => {
    const cases: [string, string][] = [
      ['?from=yesterday&to=2025-03-31', 'querystring.from'],
      ['?from=2025-03-01', 'querystring.to'],
      ['?from=2025-03-31&to=2025-03-01', 'to'],
      ['?from=2020-01-01&to=2025-03-31', 'to'],
    ];
    for (const [query, field] of cases) {
      for (const url of [`/statistics${query}`, `/statistics.csv${query}`]) {
        const response = await h.as('auditor-1', { method: 'GET', url });
        expect(response.statusCode, url).toBe(400);
        const body = response.json() as { error: string; issues: { field: string }[] };
        expect(body.error).toBe('validation');
        expect(body.issues.map((issue) => issue.field)).toContain(field);
      }
    }
  });

  it('is for the Head of PSD, the AA and oversight; ops and investigators get 403; every read is logged', async () => {
    for (const allowed of ['head-1', 'aa-1', 'auditor-1', 'pcc-1']) {
      expect((await h.as(allowed, { method: 'GET', url: `/statistics${MARCH}` })).statusCode).toBe(
        200,
      );
    }
    for (const refused of ['ops-1', 'inv-1']) {
      expect(
        (await h.as(refused, { method: 'GET', url: `/statistics.csv${MARCH}` })).statusCode,
      ).toBe(403);
    }
    const logged = await h.runtime.db.prisma.accessLogEntry.findMany({
      where: { route: { startsWith: '/statistics' } },
    });
    expect(logged.filter((entry) => entry.personId === 'ops-1' && !entry.allowed)).toHaveLength(1);
    expect(
      logged.filter((entry) => entry.personId === 'pcc-1' && entry.allowed).length,
    ).toBeGreaterThanOrEqual(1);
  });

  it('the web page shows the period with its CSV download; a bad period shows the error; ops gets 403', async () => {
    const signIn = async (personId: string) => (await demoSignIn(web.app, personId)).cookie;
    const cookie = await signIn('auditor-1');
    const page = await getPage(web.app, `/oversight/statistics${MARCH}`, cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(
      'href="/oversight/statistics.csv?from=2025-03-01&amp;to=2025-03-31"',
    );
    const csv = await getPage(web.app, `/oversight/statistics.csv${MARCH}`, cookie);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="ppda-statistics-2025-03-01-to-2025-03-31.csv"',
    );
    expect((parse(csv.body, { columns: true }) as TRow[]).map((row) => row.reference)).toEqual(
      (await csvRows('auditor-1')).map((row) => row.reference),
    );
    // No period: the financial year to date (1 Apr 2024 to Mon 10 Mar 2025).
    const defaulted = await getPage(web.app, '/oversight/statistics', cookie);
    expect(defaulted.body).toContain('from=2024-04-01&amp;to=2025-03-10');
    const bad = await getPage(
      web.app,
      '/oversight/statistics?from=2025-03-31&to=2025-03-01',
      cookie,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#to"');
    expect(bad.body).not.toContain('/oversight/statistics.csv?');
    const ops = await getPage(web.app, `/oversight/statistics${MARCH}`, await signIn('ops-1'));
    expect(ops.statusCode).toBe(403);
  });
});
