import type { PrismaClient } from '@ppda/db';
import type { TQueues } from '@ppda/queue';
import type { VirtualClock } from './time-source.ts';

export interface TTimeMachine {
  /** Move virtual time to `target`, firing every timer rung due on the way, in order. */
  advanceTo(target: Date): Promise<number>;
  advanceBy(ms: number): Promise<number>;
  /**
   * Move to `target` and promote every job due by then without waiting for a worker:
   * for tests where no worker is running. Returns how many were promoted.
   */
  promoteDue(target: Date): Promise<number>;
  /** Wait until no job is waiting or running and the outbox is empty. */
  settle(): Promise<void>;
}

export class SettleTimeout extends Error {
  override readonly name = 'SettleTimeout';
}

/**
 * Drives BullMQ under a virtual clock. Delayed jobs carry their business due time
 * (`fireAt`); advancing promotes each due job at its own instant, then waits for the
 * workers to finish before looking again, since a rung may arm the next.
 */
export function createTimeMachine(deps: {
  clock: VirtualClock;
  queues: TQueues;
  prisma: PrismaClient;
  settleTimeoutMs?: number;
}): TTimeMachine {
  const { clock, queues, prisma } = deps;
  const settleTimeoutMs = deps.settleTimeoutMs ?? 30_000;

  /** What is still moving: undefined when nothing is. */
  async function unsettled(): Promise<string | undefined> {
    for (const [name, queue] of Object.entries(queues.byName)) {
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
      if ((counts.waiting ?? 0) + (counts.active ?? 0) + (counts.prioritized ?? 0) > 0) {
        return `${name}: ${JSON.stringify(counts)}`;
      }
    }
    const outbox = await prisma.outboxEntry.count();
    return outbox === 0 ? undefined : `${outbox} outbox row(s)`;
  }

  async function settle(): Promise<void> {
    const deadline = Date.now() + settleTimeoutMs;
    // Poll a condition (not a sleep): workers run in this or another process.
    for (let moving = await unsettled(); moving; moving = await unsettled()) {
      if (Date.now() > deadline) {
        throw new SettleTimeout(`queues did not settle in time (${moving})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async function nextDue(target: Date) {
    let best: { fireAt: number; promote(): Promise<void> } | undefined;
    for (const queue of Object.values(queues.byName)) {
      for (const job of await queue.getDelayed()) {
        const fireAt = Date.parse((job.data as { fireAt?: string }).fireAt ?? '');
        if (Number.isNaN(fireAt) || fireAt > target.getTime()) continue;
        if (!best || fireAt < best.fireAt) best = { fireAt, promote: () => job.promote() };
      }
    }
    return best;
  }

  async function advanceTo(target: Date): Promise<number> {
    let fired = 0;
    await settle();
    for (let due = await nextDue(target); due; due = await nextDue(target)) {
      clock.set(new Date(due.fireAt));
      await due.promote();
      await settle();
      fired++;
    }
    clock.set(target);
    return fired;
  }

  async function promoteDue(target: Date): Promise<number> {
    let promoted = 0;
    for (let due = await nextDue(target); due; due = await nextDue(target)) {
      clock.set(new Date(due.fireAt));
      await due.promote();
      promoted++;
    }
    clock.set(target);
    return promoted;
  }

  return {
    advanceTo,
    promoteDue,
    advanceBy: (ms) => advanceTo(new Date(clock.now().getTime() + ms)),
    settle,
  };
}
