import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from './generated/prisma/client.ts';
import type { Database } from './open-database.ts';
import { violatedUniqueConstraint } from './sql.ts';
import { BACKEND_KINDS, startBackend, type TestBackend } from './test-support/backends.ts';

const T0 = new Date('2026-07-01T23:30:00.123Z');

describe.each(BACKEND_KINDS)('sql on %s', (kind) => {
  let backend: TestBackend;
  let db: Database;
  const zone = process.env.TZ;

  beforeAll(async () => {
    // Away from UTC, so a date read or written in the process's zone would show.
    process.env.TZ = 'America/New_York';
    backend = await startBackend(kind);
    db = await backend.open();
    await db.migrate();
  }, 120_000);

  afterAll(async () => {
    process.env.TZ = zone;
    await backend.stop();
  });

  it('writes and reads zoneless timestamps as the same UTC instants Prisma does', async () => {
    await db.sql.query(Prisma.sql`INSERT INTO "OutboxEntry" (kind, queue, "jobName", "jobId",
        payload, "fireAt") VALUES ('add-job', 'q', 'job', 'by-sql', ${{ at: 1 }}, ${T0})`);
    await db.prisma.outboxEntry.create({
      data: {
        kind: 'add-job',
        queue: 'q',
        jobName: 'job',
        jobId: 'by-prisma',
        payload: {},
        fireAt: T0,
      },
    });
    const viaPrisma = await db.prisma.outboxEntry.findMany({ orderBy: { jobId: 'asc' } });
    expect(viaPrisma.map((row) => row.fireAt)).toEqual([T0, T0]);
    const viaSql = await db.sql.query<{ jobId: string; fireAt: Date; payload: unknown }>(
      Prisma.sql`SELECT "jobId", "fireAt", payload FROM "OutboxEntry" ORDER BY "jobId"`,
    );
    expect(viaSql).toEqual([
      { jobId: 'by-prisma', fireAt: T0, payload: {} },
      { jobId: 'by-sql', fireAt: T0, payload: { at: 1 } },
    ]);
  });

  it('reads int8 and int8[] as bigint, and takes bigints and arrays as parameters', async () => {
    const [row] = await db.sql.query<{ one: bigint; many: bigint[]; none: bigint[]; n: number }>(
      Prisma.sql`SELECT ${9_007_199_254_740_993n}::int8 AS one,
        ${[1n, 2n]}::int8[] AS many, '{}'::int8[] AS none, 1::int4 AS n`,
    );
    expect(row).toEqual({ one: 9_007_199_254_740_993n, many: [1n, 2n], none: [], n: 1 });
  });

  it('names the unique constraint a statement broke, and nothing for other failures', async () => {
    const insert = (id: string) =>
      db.sql.query(Prisma.sql`INSERT INTO "Case" (id, reference, "machineId", "machineVersion",
          snapshot, "stateValue", status, version, "ownerId", "reportedAt", "updatedAt")
        VALUES (${id}::uuid, 'PPDA-26-TAKEN2', 'm', 1, '{}', '{}', 'open', 1, 'o', ${T0}, ${T0})`);
    await insert('00000000-0000-4000-8000-000000000001');
    const taken = await insert('00000000-0000-4000-8000-000000000002').catch((error) => error);
    expect(violatedUniqueConstraint(taken)).toBe('Case_reference_key');
    const other = await db.sql.query(Prisma.sql`SELECT 1/0`).catch((error) => error);
    expect(other).toBeInstanceOf(Error);
    expect(violatedUniqueConstraint(other)).toBeUndefined();
    await db.sql.query(Prisma.sql`DELETE FROM "Case"`);
  });

  it('keeps values out of the text: a quote in a value is data', async () => {
    const [row] = await db.sql.query<{ text: string }>(
      Prisma.sql`SELECT ${'x\'; DROP TABLE "Case"; --'}::text AS text`,
    );
    expect(row?.text).toBe('x\'; DROP TABLE "Case"; --');
    expect(await db.prisma.case.count()).toBe(0);
  });
});
