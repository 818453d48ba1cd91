import type { WorkingCalendar } from '@ppda/calendar';
import { dueAtFor } from './counting.ts';
import type { TRule, TRungSpec } from './policy-pack.ts';

export interface TScheduledRung extends TRungSpec {
  rung: number;
  fireAt: Date;
}

export interface TClockSchedule {
  ruleId: string;
  anchorAt: Date;
  dueAt: Date;
  rungs: TScheduledRung[];
}

const ownerAndSupervisor = ['case-owner', 'supervisor'] as const;

/** Statute clocks this short escalate to the AA at due rather than two working days late. */
function isShortStatute(rule: TRule): boolean {
  const { amount, unit } = rule.duration;
  if (rule.kind !== 'statute') return false;
  if (unit === 'working-days' || unit === 'calendar-days') return amount <= 2;
  if (unit === 'hours-excluding-sundays-and-bank-holidays') return amount <= 48;
  return false;
}

/** The ladder of rules.md unless the rule carries its own. */
export function ladderFor(rule: TRule): TRungSpec[] {
  if (rule.ladder) return rule.ladder;
  const reminder: TRungSpec = { kind: 'reminder', workingDaysFromDue: -2, notify: ['case-owner'] };
  const due: TRungSpec = { kind: 'due', workingDaysFromDue: 0, notify: [...ownerAndSupervisor] };
  if (isShortStatute(rule)) {
    return [
      reminder,
      due,
      { kind: 'escalation', workingDaysFromDue: 0, notify: ['appropriate-authority'] },
    ];
  }
  return [
    reminder,
    due,
    { kind: 'escalation', workingDaysFromDue: 1, notify: ['head-of-psd'] },
    { kind: 'escalation', workingDaysFromDue: 2, notify: ['appropriate-authority'] },
  ];
}

/**
 * When each rung fires. A reminder that would fall at or before the anchor (a clock
 * shorter than its reminder lead) fires halfway instead, as rules.md says.
 */
export function scheduleClock(
  rule: TRule,
  anchorAt: Date,
  calendar: WorkingCalendar,
): TClockSchedule {
  const dueAt = dueAtFor(rule, anchorAt, calendar);
  const rungs = ladderFor(rule).map((spec, rung) => {
    let fireAt =
      spec.workingDaysFromDue === 0
        ? dueAt
        : calendar.addWorkingDays(dueAt, spec.workingDaysFromDue);
    if (fireAt.getTime() <= anchorAt.getTime()) fireAt = calendar.halfway(anchorAt, dueAt);
    return { ...spec, rung, fireAt };
  });
  return { ruleId: rule.id, anchorAt, dueAt, rungs };
}
