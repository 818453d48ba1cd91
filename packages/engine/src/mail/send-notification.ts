import { Prisma } from '@ppda/db';
import type { TEngineDeps } from '../runtime/deps.ts';
import { dropStaleNoticeAhead } from './due-ahead.ts';

/** A claim older than this is presumed dead (its process crashed mid-send). */
const CLAIM_LEASE_MS = 60_000;

export type TSendOutcome =
  | 'sent'
  | 'already-sent'
  | 'in-progress'
  | 'missing'
  /** A due notice ahead of its rung whose clock is no longer due that day: not sent. */
  | 'dropped'
  /** Held for working hours: the job ran early (promoted by hand); re-delay it to `sendAt`. */
  | { notDue: true; sendAt: Date };

/**
 * Once SMTP has accepted a mail, recording that is worth waiting for: if the database is
 * briefly away (a restart), giving up would let the lease lapse and the mail go twice. Retry
 * with backoff, but finish well inside the lease so no other worker can claim it meanwhile.
 */
async function untilRecorded(write: () => Promise<unknown>, budgetMs = CLAIM_LEASE_MS / 2) {
  const deadline = Date.now() + budgetMs;
  for (let delayMs = 100; ; delayMs = Math.min(delayMs * 2, 5_000)) {
    try {
      await write();
      return;
    } catch (error) {
      if (Date.now() + delayMs > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

/**
 * Send one notification exactly once: claim it atomically (no row means another run has it
 * or it went), send, mark sent. A failure releases the claim for the retry.
 */
export async function sendNotification(
  deps: TEngineDeps,
  notificationId: string,
): Promise<TSendOutcome> {
  // The lease is about process liveness, so it uses wall time, not business time.
  const wallNow = new Date();
  // Business time decides when a mail held for working hours may go (never before `sendAt`).
  const now = deps.clock.now();
  if (await dropStaleNoticeAhead(deps, notificationId)) return 'dropped';
  const [notification] = await deps.sql.query<{
    recipientEmail: string;
    subject: string;
    body: string;
    html: string | null;
    ics: string | null;
    messageId: string;
  }>(Prisma.sql`UPDATE "Notification"
      SET status = 'sending', "claimedAt" = ${wallNow}, attempts = attempts + 1
    WHERE id = ${notificationId} AND ("sendAt" IS NULL OR "sendAt" <= ${now})
      AND (status = 'pending'
        OR (status = 'sending' AND "claimedAt" < ${new Date(wallNow.getTime() - CLAIM_LEASE_MS)}))
    RETURNING "recipientEmail", subject, body, html, ics, "messageId"`);
  if (!notification) {
    const [existing] = await deps.sql.query<{ status: string; sendAt: Date | null }>(
      Prisma.sql`SELECT status, "sendAt" FROM "Notification" WHERE id = ${notificationId}`,
    );
    if (!existing) return 'missing';
    if (existing.status === 'pending' && existing.sendAt && existing.sendAt > now) {
      return { notDue: true, sendAt: existing.sendAt };
    }
    return existing.status === 'sent' ? 'already-sent' : 'in-progress';
  }
  try {
    await deps.mailer.send({
      to: notification.recipientEmail,
      subject: notification.subject,
      text: notification.body,
      ...(notification.html ? { html: notification.html } : {}),
      ...(notification.ics ? { ics: notification.ics } : {}),
      date: now,
      messageId: notification.messageId,
    });
  } catch (error) {
    // Not sent: release the claim so the job's retry can send it (or the lease will).
    await deps.sql
      .query(Prisma.sql`UPDATE "Notification" SET status = 'pending', "lastError" = ${String(error)}
        WHERE id = ${notificationId}`)
      .catch(() => undefined);
    throw error;
  }
  await untilRecorded(() =>
    deps.sql.query(Prisma.sql`UPDATE "Notification"
        SET status = 'sent', "sentAt" = ${deps.clock.now()}, "lastError" = NULL
      WHERE id = ${notificationId}`),
  );
  return 'sent';
}
