import type { PrismaClient } from '@ppda/db';
import { eventTypeOf } from '@ppda/engine';
import type { SinkMessage } from '@ppda/local-infra';
import type { TAcceptedCommand } from './command-stream.ts';

export interface TLedgerCheck {
  commandsAccepted: number;
  /** Decision and report events in the database (a command whose answer was lost may add one). */
  commandEventsStored: number;
  /** Accepted commands with no event of theirs in the database: must be none. */
  acceptedMissing: TAcceptedCommand[];
  rungsArmed: number;
  rungsFired: number;
  /** Every (timer, rung) with more than one clock event, over all timers: must be none. */
  rungsFiredTwice: number;
  mailsClaimed: number;
  mailsSent: number;
  /** Mails received more than once (by Message-ID): must be none. */
  mailsSentTwice: number;
  /** Those mails' notification rows: how many sends were attempted and the last error. */
  mailsSentTwiceDetail: {
    id: string;
    attempts: number;
    lastError: string | null;
    receivedAt: string[];
  }[];
  /** Cases whose events are not numbered 1..n: must be none. */
  brokenChains: number;
}

/** Compare what was accepted and armed with what the database and the mail sink hold. */
export async function verifyLedger(options: {
  prisma: PrismaClient;
  accepted: TAcceptedCommand[];
  seededTimerIds: string[];
  mails: SinkMessage[];
}): Promise<TLedgerCheck> {
  const { prisma } = options;
  const expectedByKey = new Map<string, TAcceptedCommand[]>();
  for (const command of options.accepted) {
    const key = `${command.caseId}|${command.type === 'REPORT' ? 'allegation.reported' : eventTypeOf(command.type)}`;
    expectedByKey.set(key, [...(expectedByKey.get(key) ?? []), command]);
  }
  const stored = await prisma.caseEvent.groupBy({
    by: ['caseId', 'type'],
    where: { NOT: { type: { startsWith: 'clock.' } } },
    _count: { _all: true },
  });
  const storedByKey = new Map(stored.map((row) => [`${row.caseId}|${row.type}`, row._count._all]));
  const acceptedMissing: TAcceptedCommand[] = [];
  for (const [key, commands] of expectedByKey) {
    acceptedMissing.push(...commands.slice(storedByKey.get(key) ?? 0));
  }

  const clockEvents = await prisma.$queryRaw<{ timerId: string; rung: number; n: number }[]>`
    SELECT payload->>'timerId' AS "timerId", (payload->>'rung')::int AS rung, count(*)::int AS n
    FROM "CaseEvent" WHERE type LIKE 'clock.%' GROUP BY 1, 2`;
  const seeded = new Set(options.seededTimerIds);
  const seededTimers = await prisma.timer.findMany({
    where: { id: { in: options.seededTimerIds } },
    select: { ladder: true },
  });
  const chains = await prisma.$queryRaw<{ broken: number }[]>`
    SELECT count(*)::int AS broken FROM (
      SELECT "caseId" FROM "CaseEvent" GROUP BY "caseId"
      HAVING count(*) <> max(seq) OR min(seq) <> 1) AS gaps`;
  const notifications = await prisma.notification.findMany({
    select: { id: true, messageId: true, attempts: true, lastError: true },
  });
  const received = new Map<string, number>();
  for (const mail of options.mails) {
    const id = mail.messageId ?? '';
    received.set(id, (received.get(id) ?? 0) + 1);
  }
  const claimedIds = new Set(notifications.map((row) => row.messageId));
  return {
    commandsAccepted: options.accepted.length,
    commandEventsStored: stored.reduce((sum, row) => sum + row._count._all, 0),
    acceptedMissing,
    rungsArmed: seededTimers.reduce((sum, timer) => sum + (timer.ladder as unknown[]).length, 0),
    rungsFired: clockEvents.filter((row) => seeded.has(row.timerId)).length,
    rungsFiredTwice: clockEvents.filter((row) => row.n > 1).length,
    mailsClaimed: notifications.length,
    mailsSent: [...received.keys()].filter((id) => claimedIds.has(id)).length,
    mailsSentTwice: [...received.values()].filter((count) => count > 1).length,
    mailsSentTwiceDetail: notifications
      .filter((row) => (received.get(row.messageId) ?? 0) > 1)
      .map(({ id, attempts, lastError, messageId }) => ({
        id,
        attempts,
        lastError,
        receivedAt: options.mails
          .filter((mail) => mail.messageId === messageId)
          .map((mail) => mail.receivedAt),
      })),
    brokenChains: chains[0]?.broken ?? 0,
  };
}
