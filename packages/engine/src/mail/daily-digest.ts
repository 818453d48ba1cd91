import { Prisma } from '@ppda/db';
import { renderDailyDigest } from '@ppda/notify';
import { findRule } from '@ppda/ppda-case';
import { digestJobId, notificationJobId } from '@ppda/queue';
import type { TEngineDeps } from '../runtime/deps.ts';
import { wallDelayMs } from '../runtime/time-source.ts';
import { relayOutbox } from '../write/outbox-relay.ts';

/** The notification kind of a daily digest. */
const DIGEST_KIND = 'digest';

const isoDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** `yyyy-mm-dd`, the London date of an instant. */
function londonIsoDate(instant: Date): string {
  return isoDay.format(instant);
}

/** The digest instant of the first working day whose digest time is after `after`. */
function nextDigestAt(deps: TEngineDeps, after: Date, atMinutes: number): Date {
  const hour = Math.floor(atMinutes / 60);
  const minutes = atMinutes % 60;
  let day = deps.calendar.startOfWorkingDay(after, hour);
  for (;;) {
    const at = new Date(day.getTime() + minutes * 60_000);
    if (at.getTime() > after.getTime()) return at;
    day = deps.calendar.startOfWorkingDay(
      new Date(deps.calendar.endOfDay(day).getTime() + 1),
      hour,
    );
  }
}

/**
 * Make sure the next working day's digest job is waiting (at start, at every reconcile and
 * after each digest). Its id is the day, so asking twice adds one job.
 */
export async function scheduleNextDigest(deps: TEngineDeps): Promise<string | undefined> {
  if (deps.digestAtMinutes === undefined) return undefined;
  const now = deps.clock.now();
  const at = nextDigestAt(deps, now, deps.digestAtMinutes);
  const day = londonIsoDate(at);
  await deps.queues.addBulk('maintenance', [
    {
      name: 'digest.send',
      payload: { day, fireAt: at.toISOString() },
      jobId: digestJobId(day),
      delayMs: wallDelayMs(deps.clock, at.getTime() - now.getTime()),
    },
  ]);
  return day;
}

/**
 * The digest for one London day: each person with open tasks due that day or overdue gets one
 * mail listing exactly those (nobody with none is mailed). Idempotent per person and day: the
 * notification id is `digest.<day>.<person>`, so a repeated job inserts and sends nothing new.
 */
export async function sendDailyDigest(deps: TEngineDeps, day: string): Promise<number> {
  const digestAt = deps.clock.now();
  const endOfDay = deps.calendar.endOfDay(new Date(`${day}T12:00:00Z`));
  const startOfDay = new Date(
    deps.calendar.endOfDay(new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000)).getTime() + 1,
  );
  const rows = await deps.sql.query<{
    assigneeId: string;
    email: string;
    caseId: string;
    reference: string;
    ruleId: string;
    dueAt: Date;
  }>(Prisma.sql`SELECT t."assigneeId", p.email, t."caseId", c.reference, t."ruleId", t."dueAt"
    FROM "Task" t JOIN "Person" p ON p.id = t."assigneeId" JOIN "Case" c ON c.id = t."caseId"
    WHERE t.status = 'open' AND p."leftAt" IS NULL AND t."dueAt" <= ${endOfDay}
    ORDER BY t."assigneeId", t."dueAt", c.reference, t."ruleId"`);
  const byPerson = new Map<string, typeof rows>();
  for (const row of rows)
    byPerson.set(row.assigneeId, [...(byPerson.get(row.assigneeId) ?? []), row]);
  const notifications = [...byPerson].map(([personId, items]) => {
    const toItem = (item: (typeof items)[number]) => {
      const title = (() => {
        try {
          return findRule(deps.policy, item.ruleId).title;
        } catch {
          return item.ruleId;
        }
      })();
      return {
        caseReference: item.reference,
        ruleId: item.ruleId,
        ruleTitle: title,
        dueAt: item.dueAt,
        ...(deps.publicUrl ? { caseUrl: `${deps.publicUrl}/cases/${item.caseId}` } : {}),
      };
    };
    const mail = renderDailyDigest({
      day: endOfDay,
      overdue: items.filter((item) => item.dueAt < startOfDay).map(toItem),
      dueToday: items.filter((item) => item.dueAt >= startOfDay).map(toItem),
    });
    const id = `digest.${day}.${personId}`;
    return {
      id,
      kind: DIGEST_KIND,
      recipientId: personId,
      recipientEmail: items[0]?.email ?? '',
      subject: mail.subject,
      body: mail.text,
      html: mail.html,
      messageId: `<${id}@ppda-engine>`,
    };
  });
  if (notifications.length > 0) {
    const inserted = await deps.sql.query<{ id: string }>(Prisma.sql`
      INSERT INTO "Notification" (id, "caseId", kind, "recipientId", "recipientEmail", subject,
        body, html, status, "messageId")
      SELECT n.id, NULL, n.kind, n."recipientId", n."recipientEmail", n.subject, n.body, n.html,
        'pending', n."messageId"
      FROM jsonb_to_recordset(${JSON.stringify(notifications)}::jsonb) AS n(id text, kind text,
        "recipientId" text, "recipientEmail" text, subject text, body text, html text,
        "messageId" text)
      ON CONFLICT (id) DO NOTHING
      RETURNING id`);
    if (inserted.length > 0) {
      await deps.sql.query(Prisma.sql`INSERT INTO "OutboxEntry" (kind, queue, "jobName", "jobId", payload)
        SELECT 'add-job', 'notifications', 'notification.send', j."jobId", j.payload
        FROM jsonb_to_recordset(${JSON.stringify(
          inserted.map(({ id }) => ({
            jobId: notificationJobId(id),
            payload: { notificationId: id },
          })),
        )}::jsonb) AS j("jobId" text, payload jsonb)`);
      await relayOutbox(deps);
    }
  }
  deps.logger.info({ day, people: notifications.length, at: digestAt }, 'daily digest');
  await scheduleNextDigest(deps);
  return notifications.length;
}
