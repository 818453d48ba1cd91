import type { TEngineDeps } from './deps.ts';

/** A claim older than this is presumed dead (its process crashed mid-send). */
const CLAIM_LEASE_MS = 60_000;

export type TSendOutcome = 'sent' | 'already-sent' | 'in-progress' | 'missing';

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
 * Send one notification exactly once: claim it atomically (count 0 means another run
 * has it or it went), send, mark sent. A failure releases the claim for the retry.
 */
export async function sendNotification(
  deps: TEngineDeps,
  notificationId: string,
): Promise<TSendOutcome> {
  // The lease is about process liveness, so it uses wall time, not business time.
  const wallNow = new Date();
  const claimed = await deps.prisma.notification.updateMany({
    where: {
      id: notificationId,
      OR: [
        { status: 'pending' },
        { status: 'sending', claimedAt: { lt: new Date(wallNow.getTime() - CLAIM_LEASE_MS) } },
      ],
    },
    data: { status: 'sending', claimedAt: wallNow, attempts: { increment: 1 } },
  });
  if (claimed.count === 0) {
    const existing = await deps.prisma.notification.findUnique({ where: { id: notificationId } });
    if (!existing) return 'missing';
    return existing.status === 'sent' ? 'already-sent' : 'in-progress';
  }
  const notification = await deps.prisma.notification.findUniqueOrThrow({
    where: { id: notificationId },
  });
  try {
    await deps.mailer.send({
      to: notification.recipientEmail,
      subject: notification.subject,
      text: notification.body,
      messageId: notification.messageId,
    });
  } catch (error) {
    // Not sent: release the claim so the job's retry can send it (or the lease will).
    await deps.prisma.notification
      .update({
        where: { id: notificationId },
        data: { status: 'pending', lastError: String(error) },
      })
      .catch(() => undefined);
    throw error;
  }
  await untilRecorded(() =>
    deps.prisma.notification.update({
      where: { id: notificationId },
      data: { status: 'sent', sentAt: deps.clock.now(), lastError: null },
    }),
  );
  return 'sent';
}
