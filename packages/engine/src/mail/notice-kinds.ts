import type { TRule } from '@ppda/ppda-case';

/**
 * A window someone else holds (the officer's representations, an alternative interview date):
 * its ladder is one `due` rung telling the case owner it closed (`windowLadder` in the pack).
 * Its notice owes nothing.
 */
export function isWindowRule(rule: Pick<TRule, 'ladder'>): boolean {
  return rule.ladder?.length === 1 && rule.ladder[0]?.kind === 'due';
}

/** Clocks that end in something people meet for: their notices carry a calendar entry. */
const SCHEDULED: Readonly<Record<string, string>> = {
  'suspension.review': 'review',
  'external.progress-review': 'review',
  'oversight.board-review': 'review',
  'investigation.overrun-report': 'review',
  'dvpn.hearing': 'hearing',
  'proceedings.prehearing': 'hearing',
  'proceedings.meeting': 'meeting',
};

/** What a scheduled clock's calendar entry is (review, interview, meeting, hearing), if any. */
export function scheduledKindOf(ruleId: string): string | undefined {
  return SCHEDULED[ruleId];
}
