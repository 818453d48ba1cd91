import type { Prisma } from '@ppda/db';
import { renderClockNotice } from '@ppda/notify';
import { activeClocks, applyEvent, findRule } from '@ppda/ppda-case';
import { notificationJobId } from '@ppda/queue';
import { loadCase, retryOnConflict, saveSnapshot } from './case-store.ts';
import { appendCaseEvent, enqueueRung, type TTimerRung } from './case-transaction.ts';
import { applyClockChanges } from './clock-changes.ts';
import { SYSTEM_ACTOR, type TEngineDeps } from './deps.ts';
import { relayOutbox } from './outbox-relay.ts';
import { resolveRecipients } from './recipients.ts';

const EVENT_TYPE: Record<TTimerRung['kind'], string> = {
  reminder: 'clock.reminder-sent',
  due: 'clock.due-notice-sent',
  escalation: 'clock.escalated',
};

/** The rung a job fired for is no longer the timer's next one: met, cancelled or done. */
class StaleRung extends Error {}

export type TFireOutcome = 'fired' | 'stale';

/**
 * A timer's rung falling due is just another command. The guard (armed, same rung) makes
 * a stale, cancelled or duplicate job a no-op; the rung's own time is the event's time,
 * so a late worker still records when the clock really fell due.
 */
export async function fireTimerRung(
  deps: TEngineDeps,
  job: { timerId: string; rung: number },
): Promise<TFireOutcome> {
  try {
    return await retryOnConflict(() => fireOnce(deps, job));
  } catch (error) {
    if (error instanceof StaleRung) return 'stale';
    throw error;
  }
}

async function fireOnce(deps: TEngineDeps, job: { timerId: string; rung: number }) {
  const timer = await deps.prisma.timer.findUnique({ where: { id: job.timerId } });
  if (timer?.status !== 'armed' || timer.nextRung !== job.rung) return 'stale' as const;
  const ladder = timer.ladder as unknown as TTimerRung[];
  const current = ladder[job.rung];
  if (!current) return 'stale' as const;
  const following = ladder[job.rung + 1];
  const rule = findRule(deps.policy, timer.ruleId);
  const { row, snapshot } = await loadCase(deps, timer.caseId);
  const at = new Date(current.fireAt);
  const applied = applyEvent(snapshot, {
    type: 'CLOCK_RUNG',
    ruleId: timer.ruleId,
    rung: current.rung,
    kind: current.kind,
    at: current.fireAt,
  });
  if (!applied.ok) throw new Error(`case ${row.id} refused CLOCK_RUNG: ${applied.refusal.reason}`);

  const outboxIds = await deps.prisma.$transaction(async (tx) => {
    await saveSnapshot(tx, row.id, row.version, applied.next);
    const claimed = await tx.timer.updateMany({
      where: { id: timer.id, status: 'armed', nextRung: job.rung },
      data: following
        ? { nextRung: job.rung + 1, nextFireAt: new Date(following.fireAt) }
        : { nextRung: job.rung + 1, nextFireAt: null, status: 'overdue' },
    });
    if (claimed.count === 0) throw new StaleRung();

    const { recipients, unresolved } = await resolveRecipients(
      tx,
      row,
      current.notify,
      snapshot.context.subject.isChiefOfficer,
    );
    const ids: bigint[] = [];
    for (const recipient of recipients) {
      const notice = renderClockNotice({
        caseReference: row.reference,
        ruleId: rule.id,
        ruleTitle: rule.title,
        source: rule.source,
        kind: current.kind,
        dueAt: timer.dueAt,
        recipientRole: recipient.role,
        ...(deps.publicUrl ? { caseUrl: `${deps.publicUrl}/cases/${row.id}` } : {}),
      });
      // The effect key: one email per timer, rung and recipient, whatever runs twice.
      const notificationId = `${timer.id}.r${current.rung}.${recipient.role}`;
      await tx.notification.create({
        data: {
          id: notificationId,
          caseId: row.id,
          timerId: timer.id,
          rung: current.rung,
          kind: current.kind,
          recipientId: recipient.personId,
          recipientEmail: recipient.email,
          subject: notice.subject,
          body: notice.text,
          status: 'pending',
          messageId: `<${notificationId}@ppda-engine>`,
        },
      });
      const entry = await tx.outboxEntry.create({
        data: {
          kind: 'add-job',
          queue: 'notifications',
          jobName: 'notification.send',
          jobId: notificationJobId(notificationId),
          payload: { notificationId },
        },
      });
      ids.push(entry.id);
    }
    await appendCaseEvent(tx, row.id, {
      type: EVENT_TYPE[current.kind],
      actor: SYSTEM_ACTOR,
      ruleId: rule.id,
      payload: {
        timerId: timer.id,
        rung: current.rung,
        dueAt: timer.dueAt.toISOString(),
        notified: recipients.map(({ role, personId }) => ({ role, personId })),
        unresolved,
      } satisfies Prisma.InputJsonValue,
      occurredAt: at,
    });
    if (unresolved.length > 0) {
      deps.logger.error(
        { caseId: row.id, ruleId: rule.id, unresolved },
        'no person holds a role this clock must notify',
      );
    }
    if (following) ids.push(await enqueueRung(tx, timer.id, following));
    ids.push(
      ...(await applyClockChanges(deps, tx, {
        caseId: row.id,
        ownerId: row.ownerId,
        clocks: activeClocks(applied.next),
        at,
        cause: EVENT_TYPE[current.kind],
      })),
    );
    return ids;
  });
  await relayOutbox(deps, outboxIds);
  return 'fired' as const;
}
