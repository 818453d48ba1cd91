import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type THarness } from './support/harness.ts';

// Mon 3 Mar 2025 10:00 London: the report below starts record.decision (due in a day or two).
const START = new Date('2025-03-03T10:00:00.000Z');

let h: THarness;
beforeAll(async () => {
  h = await startHarness({ start: START });
});
afterAll(async () => {
  await h?.close();
});

async function scrape(): Promise<Map<string, number>> {
  const response = await h.as('ops-1', { method: 'GET', url: '/metrics' });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toContain('text/plain');
  // `name{labels} value` lines; comments (# HELP, # TYPE) skipped.
  return new Map(
    response.body
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => {
        const at = line.lastIndexOf(' ');
        return [line.slice(0, at), Number(line.slice(at + 1))] as const;
      }),
  );
}

describe('GET /metrics (Prometheus, for ops)', () => {
  it('counts running clocks and their queued jobs as the database and Redis hold them', async () => {
    const { caseId } = await h.report();
    await h.time.settle();
    const prisma = h.runtime.db.prisma;
    const armed = await prisma.timer.count({ where: { status: 'armed' } });
    expect(armed).toBeGreaterThan(0);
    const metrics = await scrape();
    expect(metrics.get('ppda_timers{status="armed"}')).toBe(armed);
    expect(metrics.get('ppda_timers{status="overdue"}')).toBe(0);
    expect(metrics.get('ppda_timer_fires_late')).toBe(0);
    expect(metrics.get('ppda_queue_jobs{queue="case-timers",state="delayed"}')).toBe(
      await h.runtime.queues.byName['case-timers'].getDelayedCount(),
    );
    expect(metrics.get('ppda_outbox_pending')).toBe(0);
    // The api process's own, from prom-client's defaults.
    expect(metrics.get('ppda_api_process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(await prisma.timer.count({ where: { caseId } })).toBeGreaterThan(0);
  });

  it('raises a late fire when a rung passes its time unfired, and clears it once fired', async () => {
    const prisma = h.runtime.db.prisma;
    const next = await prisma.timer.findFirstOrThrow({
      where: { status: 'armed', nextFireAt: { not: null } },
      orderBy: { nextFireAt: 'asc' },
    });
    // The clock moves on but nothing promotes the job: as if the queues had lost it.
    h.clock.set(new Date(next.nextFireAt!.getTime() + 61_000));
    expect((await scrape()).get('ppda_timer_fires_late')).toBeGreaterThanOrEqual(1);
    await h.time.advanceTo(h.clock.now());
    expect((await scrape()).get('ppda_timer_fires_late')).toBe(0);
  });

  it('shows a committed queue operation not yet relayed, with its age', async () => {
    const prisma = h.runtime.db.prisma;
    await prisma.$executeRaw`INSERT INTO "OutboxEntry" (kind, queue, "jobName", "jobId", payload, "createdAt")
      VALUES ('add-job', 'maintenance', 'outbox.relay', 'metrics-test', '{}'::jsonb, now()::timestamp - interval '90 seconds')`;
    const metrics = await scrape();
    expect(metrics.get('ppda_outbox_pending')).toBe(1);
    expect(metrics.get('ppda_outbox_oldest_seconds')).toBeGreaterThanOrEqual(90);
    await prisma.outboxEntry.deleteMany({ where: { jobId: 'metrics-test' } });
  });

  it('is for ops only: others get 403, no token 401', async () => {
    expect((await h.as('inv-1', { method: 'GET', url: '/metrics' })).statusCode).toBe(403);
    expect((await h.api.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
  });
});
