import type { PrismaClient } from '@ppda/db';
import type { TEngine } from '@ppda/engine';
import { BENCH_ACTOR, BENCH_REPORT } from './directory.ts';
import { waitUntil } from './measure.ts';
import { seedCases, type TSeedRung } from './seed-cases.ts';

/** Seeded timers of one rule whose rungs fall due between `from` and `to`. */
export interface TDueWindow {
  ruleId: string;
  from: Date;
  to: Date;
}

/**
 * Open `count` cases, each with one armed timer whose single rung falls in `window`, spread
 * evenly (or all at `window.from` when it has no width). Rows only: arm them by reconciling.
 */
export async function seedDueTimers(
  prisma: PrismaClient,
  engine: TEngine,
  options: { count: number; window: { from: Date; to: Date }; notify?: string[]; rungs?: number },
) {
  const { count, window } = options;
  const width = window.to.getTime() - window.from.getTime();
  const rungs = options.rungs ?? 1;
  const seeded = await seedCases(prisma, engine, {
    count,
    report: BENCH_REPORT,
    actor: BENCH_ACTOR,
    ladder: (index) => {
      const first = window.from.getTime() + (count > 1 ? (width * index) / (count - 1) : 0);
      return Array.from(
        { length: rungs },
        (_, rung): TSeedRung => ({
          kind: rung === rungs - 1 ? 'due' : 'reminder',
          // Later rungs follow shortly after, so a fired rung arms the next through the relay.
          fireAt: new Date(first + rung * 500),
          notify: options.notify ?? [],
        }),
      );
    },
  });
  const due: TDueWindow = {
    ruleId: seeded.seedRuleId!,
    from: window.from,
    // The last rung of the last timer.
    to: new Date(window.to.getTime() + (rungs - 1) * 500),
  };
  return { ...seeded, due };
}

/** Timers of the seeded rule due in `window` that have not fired their last rung yet. */
export function countUnfired(prisma: PrismaClient, window: TDueWindow) {
  return prisma.timer.count({
    where: {
      ruleId: window.ruleId,
      status: 'armed',
      nextFireAt: { gte: window.from, lte: window.to },
    },
  });
}

export async function waitForAllFired(prisma: PrismaClient, window: TDueWindow, graceMs: number) {
  const timeoutMs = Math.max(0, window.to.getTime() - Date.now()) + graceMs;
  await waitUntil(
    'every seeded timer fired',
    async () => (await countUnfired(prisma, window)) === 0,
    {
      timeoutMs,
      pollMs: 500,
    },
  );
}

/** Fired minus due, in ms, for each seeded rung due in `window`, sorted. */
export async function firedLateness(prisma: PrismaClient, window: TDueWindow): Promise<number[]> {
  const rows = await prisma.$queryRaw<{ ms: number }[]>`
    SELECT (EXTRACT(EPOCH FROM ("recordedAt" - "occurredAt")) * 1000)::float8 AS ms
    FROM "CaseEvent"
    WHERE "ruleId" = ${window.ruleId} AND type LIKE 'clock.%'
      AND "occurredAt" BETWEEN ${window.from} AND ${window.to}`;
  return rows.map((row) => row.ms).sort((a, b) => a - b);
}

/**
 * Move a seeded window to start at `from`: every rung of its timers shifts by the same
 * amount. Seeding 100k cases takes longer than anyone can predict, so the bench seeds far
 * ahead and places the window once the rows are in and just before they are armed.
 */
export async function shiftDueWindow(
  prisma: PrismaClient,
  window: TDueWindow,
  from: Date,
): Promise<TDueWindow> {
  const shiftMs = from.getTime() - window.from.getTime();
  await prisma.$executeRaw`
    UPDATE "Timer" SET
      "nextFireAt" = "nextFireAt" + make_interval(secs => ${shiftMs / 1000}),
      "dueAt" = "dueAt" + make_interval(secs => ${shiftMs / 1000}),
      ladder = (
        SELECT jsonb_agg(jsonb_set(rung, '{fireAt}', to_jsonb(to_char(
          ((rung->>'fireAt')::timestamptz + make_interval(secs => ${shiftMs / 1000}))
            AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))) ORDER BY ordinality)
        FROM jsonb_array_elements(ladder) WITH ORDINALITY AS rungs(rung, ordinality))
    WHERE "ruleId" = ${window.ruleId} AND status = 'armed'
      AND "nextFireAt" BETWEEN ${window.from} AND ${window.to}`;
  return {
    ruleId: window.ruleId,
    from,
    to: new Date(window.to.getTime() + shiftMs),
  };
}
