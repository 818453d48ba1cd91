import { Prisma } from '@ppda/db';
import { notificationJobId } from '@ppda/queue';
import type { TEngineDeps } from '../runtime/deps.ts';
import { relayOutbox } from '../write/outbox-relay.ts';

/**
 * Mail about no one case (an alert, a checkpoint), sent once: one notification per person,
 * keyed `<key>.<personId>` so a retry or a second process writes nothing new, its send job
 * through the outbox like every other mail. Returns how many were newly queued.
 */
export async function mailOutsideCases(
  deps: TEngineDeps,
  mail: {
    key: string;
    kind: string;
    people: readonly { id: string; email: string }[];
    subject: string;
    body: string;
  },
): Promise<number> {
  if (mail.people.length === 0) return 0;
  const rows = mail.people.map((person) => ({
    id: `${mail.key}.${person.id}`,
    recipientId: person.id,
    recipientEmail: person.email,
  }));
  const inserted = await deps.sql.query<{ id: string }>(Prisma.sql`
    WITH added AS (
      INSERT INTO "Notification" (id, "caseId", kind, "recipientId", "recipientEmail", subject,
        body, status, "messageId")
      SELECT r.id, NULL, ${mail.kind}, r."recipientId", r."recipientEmail", ${mail.subject},
        ${mail.body}, 'pending', '<' || r.id || '@ppda-engine>'
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS r(id text, "recipientId" text, "recipientEmail" text)
      ON CONFLICT (id) DO NOTHING
      RETURNING id
    ), queued AS (
      INSERT INTO "OutboxEntry" (kind, queue, "jobName", "jobId", payload)
      SELECT 'add-job', 'notifications', 'notification.send', j."jobId", j.payload
      FROM added JOIN jsonb_to_recordset(${JSON.stringify(
        rows.map(({ id }) => ({
          id,
          jobId: notificationJobId(id),
          payload: { notificationId: id },
        })),
      )}::jsonb) AS j(id text, "jobId" text, payload jsonb) ON j.id = added.id
      RETURNING 1
    )
    SELECT id FROM added`);
  if (inserted.length > 0) await relayOutbox(deps);
  return inserted.length;
}
