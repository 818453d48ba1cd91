import { renderCalendarInvite, renderClockNotice } from '@ppda/notify';
import type { TRule } from '@ppda/ppda-case';
import type { TEngineDeps } from '../runtime/deps.ts';
import type { TTimerRung } from '../timers/rung.ts';
import type { TRecipient } from '../timers/rung-recipients.ts';
import { AHEAD_SUFFIX } from './due-ahead.ts';
import { DEFAULT_MAIL_HOURS, mailTimingOf, sendAtFor } from './mail-timing.ts';
import { isWindowRule, scheduledKindOf } from './notice-kinds.ts';

/**
 * The mail a clock's rung sends (reminder, due notice or escalation), one per recipient
 * (timers/rung-recipients.ts decides who): its text, a calendar entry for a scheduled clock,
 * and when it goes. The rung is recorded at its legal instant; its mail goes in working
 * hours (rules.md). Returned as notification rows written with the rung's event.
 */
export function rungNotices(
  deps: Pick<TEngineDeps, 'calendar' | 'mailHours' | 'clock' | 'publicUrl'>,
  input: {
    row: { id: string; reference: string };
    timer: { id: string; dueAt: Date };
    rule: TRule;
    rung: TTimerRung;
    recipients: readonly TRecipient[];
    at: Date;
    /** A due notice written ahead of its rung (due-ahead.ts), to go at this time. */
    aheadAt?: Date;
  },
) {
  const { row, timer, rule, rung, recipients, at, aheadAt } = input;
  const caseUrl = deps.publicUrl ? `${deps.publicUrl}/cases/${row.id}` : undefined;
  const sendAt =
    aheadAt ??
    sendAtFor(
      deps.calendar,
      deps.mailHours ?? DEFAULT_MAIL_HOURS,
      mailTimingOf(rule, rung.kind),
      at,
      deps.clock.now(),
    );
  const isWindow = isWindowRule(rule);
  const scheduled = scheduledKindOf(rule.id);
  const ics =
    scheduled && rung.kind !== 'escalation' && !isWindow
      ? renderCalendarInvite({
          uid: `${timer.id}@ppda-engine`,
          title: `${row.reference}: ${rule.title}`,
          description: `${scheduled} for case ${row.reference} (${rule.id}; ${rule.source})${caseUrl ? ` ${caseUrl}` : ''}`,
          ...(caseUrl ? { url: caseUrl } : {}),
          on: { day: timer.dueAt },
          stamp: deps.clock.now(),
        })
      : null;
  const notifications = recipients.map((recipient) => {
    const notice = renderClockNotice({
      caseReference: row.reference,
      ruleId: rule.id,
      ruleTitle: rule.title,
      source: rule.source,
      ruleKind: rule.kind,
      kind: rung.kind,
      isWindow,
      dueAt: timer.dueAt,
      recipientRole: recipient.standsInFor
        ? `${recipient.role}, standing in for the ${recipient.standsInFor} (nobody could be resolved)`
        : recipient.role,
      ...(caseUrl ? { caseUrl } : {}),
    });
    // The effect key: one email per timer, rung and recipient, whatever runs twice; one sent
    // ahead of its rung has its own row but the same Message-ID.
    const key = `${timer.id}.r${rung.rung}.${recipient.role}`;
    return {
      id: aheadAt ? `${key}${AHEAD_SUFFIX}` : key,
      caseId: row.id,
      timerId: timer.id,
      rung: rung.rung,
      kind: rung.kind,
      recipientId: recipient.personId,
      recipientEmail: recipient.email,
      subject: notice.subject,
      body: notice.text,
      html: notice.html,
      ics,
      sendAt: sendAt.toISOString(),
      status: 'pending',
      messageId: `<${key}@ppda-engine>`,
    };
  });
  return { notifications, sendAt };
}
