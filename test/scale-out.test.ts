import { randomUUID } from 'node:crypto';
import {
  loadBenchDirectory,
  seedDueTimers,
  spawnService,
  type TServiceProcess,
  waitUntil,
} from '@ppda/bench';
import { openRuntime, systemClock } from '@ppda/engine';
import { startSmtpSink } from '@ppda/local-infra';
import pino from 'pino';
import { afterAll, expect, inject, it } from 'vitest';
import { createTestDatabase } from './support/harness.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

// Scale-out (infra/production/README.md): N worker processes on the same queues. BullMQ hands
// each job to one of them; the fire-time guard and the mail claim make any overlap harmless.
it('two worker processes on the same queues fire every timer rung and send every mail once', async () => {
  const databaseUrl = await createTestDatabase();
  const redisUrl = inject('redisUrl');
  const queuePrefix = `so${randomUUID().slice(0, 8)}`;
  const sink = await startSmtpSink();
  cleanups.push(() => sink.close());
  const runtime = await openRuntime({
    databaseUrl,
    redisUrl,
    smtpUrl: sink.url,
    mailFrom: 'engine@psd.test',
    queuePrefix,
    clock: systemClock,
    mailHours: 'always',
    logger: pino({ level: 'silent' }),
  });
  cleanups.push(() => runtime.close());
  const prisma = runtime.db.prisma;
  await loadBenchDirectory(prisma);
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    SMTP_URL: sink.url,
    QUEUE_PREFIX: queuePrefix,
    CLOCK: 'system',
    // Rungs due within seconds on the real clock: their mail must not wait for 08:00.
    MAIL_HOURS: 'always',
  };
  const workers: TServiceProcess[] = await Promise.all([
    spawnService('worker', env),
    spawnService('worker', env),
  ]);
  cleanups.push(() => Promise.all(workers.map((worker) => worker.stop())));

  // 120 cases whose clock has three rungs, all due within a few seconds on the real clock.
  const from = new Date(Date.now() + 2_000);
  const seeded = await seedDueTimers(prisma, runtime.engine, {
    count: 120,
    window: { from, to: new Date(from.getTime() + 2_000) },
    notify: ['case-owner'],
    rungs: 3,
  });
  await runtime.engine.reconcile();
  await waitUntil(
    'every seeded timer fired its last rung and every mail went',
    async () =>
      (await prisma.timer.count({ where: { id: { in: seeded.timerIds }, status: 'armed' } })) ===
        0 && (await prisma.notification.count({ where: { status: { not: 'sent' } } })) === 0,
    { timeoutMs: 60_000 },
  );

  const fired = await prisma.$queryRaw<{ timerId: string; rung: number; n: number }[]>`
    SELECT payload->>'timerId' AS "timerId", (payload->>'rung')::int AS rung, count(*)::int AS n
    FROM "CaseEvent" WHERE type LIKE 'clock.%' GROUP BY 1, 2`;
  const ofSeeded = fired.filter((row) => seeded.timerIds.includes(row.timerId));
  expect(ofSeeded).toHaveLength(seeded.timerIds.length * 3);
  expect(fired.filter((row) => row.n !== 1)).toEqual([]);

  const mails = sink.messages().map((mail) => mail.messageId);
  expect(mails).toHaveLength(seeded.timerIds.length * 3);
  expect(new Set(mails).size).toBe(mails.length);

  // Both processes took a share of the rungs (each stamps its name on the jobs it ran).
  const done = await runtime.queues.byName['case-timers'].getJobs(['completed'], 0, -1);
  const byWorker = new Map<string, number>();
  for (const job of done) {
    byWorker.set(job.processedBy ?? '?', (byWorker.get(job.processedBy ?? '?') ?? 0) + 1);
  }
  expect(byWorker.size).toBe(2);
  expect(Math.min(...byWorker.values())).toBeGreaterThan(0);
});
