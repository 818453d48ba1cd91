import { AppError, type TIssue } from '@ppda/domain';
import { type TDecision, ZDecision } from '@ppda/ppda-case';
import { z } from 'zod';
import type { TEngineDeps } from '../runtime/deps.ts';

/**
 * How far past the engine clock's now a date in a command may lie. An interview date or a
 * pause's review date is weeks or months ahead; five years is far beyond any real one, so a
 * later date is a typing error (2062 for 2026), not a plan. Statutory clocks themselves run
 * further ahead than this, but they are computed, never typed in.
 */
export const COMMAND_DATE_YEARS_AHEAD = 5;

/**
 * The date fields of every decision, read off the schemas (`ZDecision` in
 * workflows/ppda-case/src/events.ts), so a decision type that gains a date field is checked
 * without being listed here.
 */
const DECISION_DATE_FIELDS: ReadonlyMap<string, readonly string[]> = new Map(
  ZDecision.options.map((option) => [
    option.shape.type.value,
    Object.entries(option.shape as Record<string, z.ZodType>)
      .filter(([, schema]) => {
        const inner = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
        return inner instanceof z.ZodISODateTime;
      })
      .map(([field]) => field),
  ]),
);

/** The dates a decision gives, by field name. */
export function decisionDates(decision: TDecision): Record<string, string | undefined> {
  const fields = DECISION_DATE_FIELDS.get(decision.type) ?? [];
  const values: Record<string, unknown> = { ...decision };
  return Object.fromEntries(
    fields.map((field) => [field, typeof values[field] === 'string' ? values[field] : undefined]),
  );
}

/**
 * Refuse (400, naming each field and rule, before anything is read or written) a date a
 * command gives that the working calendar cannot reason about: before its first day, past its
 * horizon, or more than `COMMAND_DATE_YEARS_AHEAD` years after now. The one place every
 * command's dates are checked (report and decisions alike), so an impossible date such as
 * 0001-01-01 is the sender's error, never a `CalendarCoverageError` deep in a clock (500).
 */
export function checkCommandDates(
  deps: TEngineDeps,
  dates: Record<string, Date | string | undefined>,
): void {
  const { calendar } = deps;
  // The covered range is whole local years, and London keeps GMT in January and December,
  // so its first and last local days start and end on the UTC day.
  const first = Date.parse(`${calendar.coveredFrom}T00:00:00.000Z`);
  const horizon = Date.parse(`${calendar.coveredTo}T23:59:59.999Z`);
  const aheadLimit = new Date(deps.clock.now());
  aheadLimit.setUTCFullYear(aheadLimit.getUTCFullYear() + COMMAND_DATE_YEARS_AHEAD);
  const issues: TIssue[] = [];
  for (const [field, value] of Object.entries(dates)) {
    if (value === undefined) continue;
    const at = (value instanceof Date ? value : new Date(value)).getTime();
    if (!Number.isFinite(at)) {
      issues.push({ field, rule: 'valid-date', message: 'not a valid date' });
    } else if (at < first) {
      issues.push({
        field,
        rule: 'within-calendar',
        message: `before ${calendar.coveredFrom}, the first day the working calendar covers`,
      });
    } else if (at > horizon) {
      issues.push({
        field,
        rule: 'within-calendar',
        message: `after ${calendar.coveredTo}, the last day the working calendar covers`,
      });
    } else if (at > aheadLimit.getTime()) {
      issues.push({
        field,
        rule: 'not-too-far-ahead',
        message: `more than ${COMMAND_DATE_YEARS_AHEAD} years after now (${aheadLimit.toISOString()})`,
      });
    }
  }
  if (issues.length > 0) {
    throw new AppError(
      'validation',
      issues.map((issue) => `${issue.field}: ${issue.message} (${issue.rule})`).join('; '),
      { issues },
    );
  }
}
