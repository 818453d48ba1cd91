import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildForce } from './support/force.ts';
import { startHarness, type THarness } from './support/harness.ts';
import { deciderOf, movedTo, wholeCase } from './support/whole-case.ts';

/**
 * The whole lifecycle on a real force's directory (support/force.ts), for each kind of
 * subject at once: every AA step taken by whoever acts as the case's AA, every Head of PSD
 * step by whoever acts as its Head of PSD, both read from the case itself. Reported in
 * January 2027, so the 12-month clocks run on projected holidays.
 */
const force = buildForce();
const REPORTED_AT = '2027-01-04T10:00:00Z';
const t = movedTo(REPORTED_AT);
const kinds = Object.keys(force.subjects) as (keyof typeof force.subjects)[];

let h: THarness;
const cases = new Map<string, { caseId: string; aa: string; head: string }>();

beforeAll(async () => {
  h = await startHarness({ start: new Date(REPORTED_AT), directory: force });
  for (const kind of kinds) {
    const { caseId } = await h.report(
      {
        subjectId: force.subjects[kind],
        ownerId: force.owner,
        referralCriteriaMet: ['serious-assault'],
      },
      force.owner,
    );
    const { actingFor } = (
      await h.as(force.owner, { method: 'GET', url: `/cases/${caseId}` })
    ).json() as { actingFor: Record<'appropriateAuthority' | 'headOfPsd', { personId: string }> };
    cases.set(kind, {
      caseId,
      aa: actingFor.appropriateAuthority.personId,
      head: actingFor.headOfPsd.personId,
    });
  }
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('a whole case on a real force, for each kind of subject', () => {
  it('runs every case from report to closure with the people who act for it', async () => {
    // An investigator from the neighbouring force: independent of every subject, and external
    // where policy requires (Supt and above, PSD) or the law does (ACC and above).
    for (const step of wholeCase(force.externalInvestigator)) {
      await h.time.advanceTo(new Date(t(step.at)));
      const decision: Record<string, unknown> = {
        rationale: `Recorded in the real-force lifecycle (${String(step.decision.type)}).`,
        ...step.decision,
        ...(typeof step.decision.date === 'string' ? { date: t(step.decision.date) } : {}),
      };
      for (const kind of kinds) {
        const { caseId, aa, head } = cases.get(kind)!;
        const decider = deciderOf(String(decision.type));
        const personId =
          decider === 'appropriate-authority' ? aa : decider === 'head-of-psd' ? head : force.owner;
        const response = await h.as(personId, {
          method: 'POST',
          url: `/cases/${caseId}/decisions`,
          payload: decision,
        });
        expect(response.statusCode, `${kind} ${String(decision.type)}: ${response.body}`).toBe(200);
      }
    }
    for (const kind of kinds) {
      const view = await h.engine.getCase(cases.get(kind)!.caseId);
      expect(view.status, kind).toBe('closed');
      expect(view.clocks, kind).toEqual([]);
    }
  });

  it('sent every rung to a person, never a barred one, and stood nobody in', async () => {
    for (const kind of kinds) {
      const { caseId } = cases.get(kind)!;
      for (const event of await h.engine.listEvents(caseId)) {
        if (!event.type.startsWith('clock.') || event.type === 'clock.replanned') continue;
        const payload = event.payload as { notified: unknown[]; standIns?: unknown };
        expect(payload.notified.length, `${kind} ${event.ruleId}`).toBeGreaterThan(0);
        expect(payload.standIns, `${kind} ${event.ruleId}`).toBeUndefined();
      }
    }
  });
});
