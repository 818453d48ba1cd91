import { startHarness, type THarness } from './harness.ts';

/** A harness on Monday 3 March 2025, 10:00, with one case reported (as `inv-1`). */
export async function startWithOneCase(): Promise<{ h: THarness; caseId: string }> {
  const h = await startHarness({ start: new Date('2025-03-03T10:00:00Z') });
  const { caseId } = await h.report();
  return { h, caseId };
}

/** Record the case as a conduct matter (not a complaint), as its Appropriate Authority. */
export function recordConductMatter(h: THarness, caseId: string) {
  return h.decide(caseId, {
    type: 'MATTER_RECORDED',
    asConductMatter: true,
    asComplaint: false,
    rationale: 'Domestic abuse alleged against a serving officer: a conduct matter.',
  });
}
