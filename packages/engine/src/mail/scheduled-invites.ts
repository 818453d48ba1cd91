import type { TCaseParties } from '@ppda/access';
import { renderScheduledInvite } from '@ppda/notify';
import type { TDecision } from '@ppda/ppda-case';
import { notificationJobId } from '@ppda/queue';
import type { TEngineDeps } from '../runtime/deps.ts';
import { resolveRecipients } from '../timers/rung-recipients.ts';
import type { TOutboxRow } from '../write/outbox-relay.ts';

/** An interview lasts this long in the calendar when the decision gives its time. */
const INTERVIEW_MINUTES = 60;
/** A misconduct meeting or hearing is blocked out for a working day's sitting. */
const PROCEEDINGS_MINUTES = 6 * 60;

/** The case owner (the investigator) and their supervisor. */
const INVOLVED = ['case-owner', 'supervisor'];
/** Misconduct proceedings also involve the appropriate authority, whose case it presents. */
const PROCEEDINGS = [...INVOLVED, 'appropriate-authority'];

interface TScheduled {
  what: string;
  kind: string;
  at: string;
  minutes: number;
  to: readonly string[];
}

/**
 * The decisions that set a date people meet on, what the date is and who is invited. `forum` is
 * the route the case is on after the decision: documents are supplied on both, so a date given
 * with them is named after the proceedings it is for.
 */
function scheduledBy(decision: TDecision, forum: 'meeting' | 'hearing' | null): TScheduled | null {
  const interview = { kind: 'interview', minutes: INTERVIEW_MINUTES, to: INVOLVED };
  switch (decision.type) {
    case 'INTERVIEW_DATE_SET':
      return { ...interview, what: 'Interview', at: decision.date };
    case 'ALTERNATIVE_INTERVIEW_DATE_PROPOSED':
      return { ...interview, what: 'Interview (alternative date proposed)', at: decision.date };
    case 'CONDUCT_PAUSED':
      return {
        what: 'Review of the paused investigation',
        kind: 'pause-review',
        at: decision.reviewDate,
        minutes: INTERVIEW_MINUTES,
        to: INVOLVED,
      };
    case 'DOCUMENTS_SUPPLIED_TO_OFFICER':
    case 'PRE_HEARING_HELD':
      if (!decision.date) return null;
      return {
        what:
          decision.type === 'PRE_HEARING_HELD' || forum === 'hearing'
            ? 'Misconduct hearing'
            : 'Misconduct meeting',
        kind: 'proceedings',
        at: decision.date,
        minutes: PROCEEDINGS_MINUTES,
        to: PROCEEDINGS,
      };
    default:
      return null;
  }
}

/**
 * A decision that sets a date (an interview, a proposed alternative, a pause's review date, a
 * misconduct meeting's date given with the documents, a hearing's fixed at the pre-hearing)
 * mails the people involved an invitation (`invite.ics`) opening on that date in
 * Europe/London: written with the decision's event, sent at once through the outbox. One UID
 * per case and kind, so a later date replaces the calendar entry.
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
    /** The misconduct proceedings the case is on after the decision, if any. */
    forum: 'meeting' | 'hearing' | null;
    eventSeq: number;
  },
): Promise<{ notifications: object[]; outbox: TOutboxRow[] }> {
  const scheduled = scheduledBy(input.decision, input.forum);
  if (!scheduled) return { notifications: [], outbox: [] };
  const { recipients } = await resolveRecipients(deps.sql, input.row, input.parties, scheduled.to);
  const caseUrl = deps.publicUrl ? `${deps.publicUrl}/cases/${input.caseId}` : undefined;
  const now = deps.clock.now();
  const notifications = recipients.map((recipient) => {
    const mail = renderScheduledInvite({
      caseReference: input.row.reference,
      what: scheduled.what,
      uid: `${input.caseId}.${scheduled.kind}@ppda-engine`,
      at: new Date(scheduled.at),
      minutes: scheduled.minutes,
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
