import type { TCaseParties } from '@ppda/access';
import { renderScheduledInvite } from '@ppda/notify';
import type { TDecision } from '@ppda/ppda-case';
import { notificationJobId } from '@ppda/queue';
import type { TEngineDeps } from '../runtime/deps.ts';
import { resolveRecipients } from '../timers/rung-recipients.ts';
import type { TOutboxRow } from '../write/outbox-relay.ts';

/** An interview lasts this long in the calendar when the decision gives its time. */
const INTERVIEW_MINUTES = 60;

/** The decisions that set a date people meet on, and what the date is. */
function scheduledBy(decision: TDecision): { what: string; kind: string; at: string } | null {
  switch (decision.type) {
    case 'INTERVIEW_DATE_SET':
      return { what: 'Interview', kind: 'interview', at: decision.date };
    case 'ALTERNATIVE_INTERVIEW_DATE_PROPOSED':
      return {
        what: 'Interview (alternative date proposed)',
        kind: 'interview',
        at: decision.date,
      };
    case 'CONDUCT_PAUSED':
      return {
        what: 'Review of the paused investigation',
        kind: 'pause-review',
        at: decision.reviewDate,
      };
    default:
      return null;
  }
}

/** Who a scheduled date is mailed to: the case owner (the investigator) and their supervisor. */
const INVOLVED = ['case-owner', 'supervisor'];

/**
 * A decision that sets a date (an interview, a proposed alternative, a pause's review date)
 * mails the people involved an invitation (`invite.ics`) opening on that date in
 * Europe/London: written with the decision's event, sent at once through the outbox. Meetings
 * and hearings carry no date in their events (only the clocks that bound them, whose notices
 * carry their own invitation, notice-kinds.ts).
 */
export async function scheduledInvites(
  deps: TEngineDeps,
  input: {
    caseId: string;
    row: {
      reference: string;
      ownerId: string;
      supervisorId: string | null;
      dutyHolders?: Record<string, string>;
    };
    parties: TCaseParties;
    decision: TDecision;
    eventSeq: number;
  },
): Promise<{ notifications: object[]; outbox: TOutboxRow[] }> {
  const scheduled = scheduledBy(input.decision);
  if (!scheduled) return { notifications: [], outbox: [] };
  const { recipients } = await resolveRecipients(deps.sql, input.row, input.parties, INVOLVED);
  const caseUrl = deps.publicUrl ? `${deps.publicUrl}/cases/${input.caseId}` : undefined;
  const now = deps.clock.now();
  const notifications = recipients.map((recipient) => {
    const mail = renderScheduledInvite({
      caseReference: input.row.reference,
      what: scheduled.what,
      uid: `${input.caseId}.${scheduled.kind}@ppda-engine`,
      at: new Date(scheduled.at),
      minutes: INTERVIEW_MINUTES,
      recipientRole: recipient.role,
      ...(caseUrl ? { caseUrl } : {}),
      now,
    });
    const id = `${input.caseId}.e${input.eventSeq}.${scheduled.kind}.${recipient.role}`;
    return {
      id,
      caseId: input.caseId,
      timerId: null,
      rung: null,
      kind: 'invite',
      recipientId: recipient.personId,
      recipientEmail: recipient.email,
      subject: mail.subject,
      body: mail.text,
      html: mail.html,
      ics: mail.ics,
      sendAt: now.toISOString(),
      status: 'pending',
      messageId: `<${id}@ppda-engine>`,
    };
  });
  return {
    notifications,
    outbox: notifications.map((notification) => ({
      kind: 'add-job' as const,
      queue: 'notifications' as const,
      jobName: 'notification.send',
      jobId: notificationJobId(notification.id),
      payload: { notificationId: notification.id },
      fireAt: null,
    })),
  };
}
