import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbError } from './errors.ts';
import { Prisma } from './generated/prisma/client.ts';
import { readMigrations } from './migrate.ts';
import { type Database, openDatabase, type Tx } from './open-database.ts';
import { isUniqueViolation } from './prisma-errors.ts';
import { BACKEND_KINDS, startBackend, type TestBackend } from './test-support/backends.ts';

const T0 = new Date('2026-03-02T09:30:00.123Z');

async function createCase(client: Tx, overrides: Partial<Prisma.CaseCreateInput> = {}) {
  return client.case.create({
    data: {
      id: randomUUID(),
      reference: `PSD-${randomUUID().slice(0, 8)}`,
      machineId: 'ppda-case',
      machineVersion: 1,
      snapshot: { value: 'recorded', context: {} },
      stateValue: 'recorded',
      status: 'open',
      version: 1,
      ownerId: 'officer-1',
      reportedAt: T0,
      ...overrides,
    },
  });
}

/** The engine's write: optimistic case update + event + timer + outbox row, all or nothing. */
async function decide(tx: Tx, caseId: string, expectedVersion: number, fail = false) {
  const { count } = await tx.case.updateMany({
    where: { id: caseId, version: expectedVersion },
    data: { version: { increment: 1 }, status: 'assessing', stateValue: 'assessing' },
  });
  if (count === 0) return count;
  await tx.caseEvent.create({
    data: {
      caseId,
      seq: expectedVersion + 1,
      type: 'assessment.started',
      actorId: 'officer-1',
      actorRole: 'investigator',
      payload: { note: 'started' },
      occurredAt: T0,
      prevHash: 'h0',
      hash: `h${expectedVersion + 1}`,
    },
  });
  const timerId = `${caseId}-assess-1`;
  await tx.timer.create({
    data: {
      id: timerId,
      caseId,
      ruleId: 'assess',
      generation: 1,
      status: 'armed',
      anchorAt: T0,
      dueAt: new Date(T0.getTime() + 86_400_000),
      ladder: [{ rung: 0, atDays: 1 }],
      nextRung: 0,
      nextFireAt: new Date(T0.getTime() + 86_400_000),
    },
  });
  await tx.outboxEntry.create({
    data: {
      kind: 'add-job',
      queue: 'timers',
      jobName: 'case.timer.fire',
      jobId: `timer-${timerId}`,
      payload: { timerId },
      fireAt: new Date(T0.getTime() + 86_400_000),
    },
  });
  if (fail) throw new Error('effect derivation failed');
  return count;
}

describe.each(BACKEND_KINDS)('database on %s', { timeout: 60_000 }, (kind) => {
  let backend: TestBackend;
  let db: Database;
  beforeAll(async () => {
    backend = await startBackend(kind);
    db = await backend.open();
    await db.migrate();
  }, 60_000);
  afterAll(() => backend?.stop(), 60_000);

  it('pings', async () => {
    expect(db.kind).toBe(kind);
    expect(await db.ping()).toBe(true);
  });

  it('commits a case update, event, timer and outbox row in one transaction', async () => {
    const created = await createCase(db.prisma);
    const count = await db.prisma.$transaction((tx) => decide(tx, created.id, 1));
    expect(count).toBe(1);

    const after = await db.prisma.case.findUniqueOrThrow({
      where: { id: created.id },
      include: { events: true, timers: true },
    });
    expect(after.version).toBe(2);
    expect(after.status).toBe('assessing');
    expect(after.events.map((event) => event.seq)).toEqual([2]);
    expect(after.timers.map((timer) => timer.status)).toEqual(['armed']);
    const outbox = await db.prisma.outboxEntry.findMany({
      where: { jobId: `timer-${created.id}-assess-1` },
    });
    expect(outbox).toHaveLength(1);
  });

  it('lets only one of two concurrent writers with the same version win', async () => {
    const created = await createCase(db.prisma);
    // On PostgreSQL the loser blocks on the row lock, then re-checks the version and matches
    // nothing; on PGlite the transactions simply run one after the other.
    const counts = await Promise.all([
      db.prisma.$transaction((tx) => decide(tx, created.id, 1)),
      db.prisma.$transaction(async (tx) => {
        const { count } = await tx.case.updateMany({
          where: { id: created.id, version: 1 },
          data: { version: { increment: 1 }, status: 'closed' },
        });
        return count;
      }),
    ]);
    expect([...counts].sort()).toEqual([0, 1]);
    const after = await db.prisma.case.findUniqueOrThrow({ where: { id: created.id } });
    expect(after.version).toBe(2);
  });

  it('rolls everything back when the transaction throws', async () => {
    const created = await createCase(db.prisma);
    await expect(db.prisma.$transaction((tx) => decide(tx, created.id, 1, true))).rejects.toThrow(
      'effect derivation failed',
    );

    const after = await db.prisma.case.findUniqueOrThrow({
      where: { id: created.id },
      include: { events: true, timers: true },
    });
    expect(after.version).toBe(1);
    expect(after.events).toEqual([]);
    expect(after.timers).toEqual([]);
    expect(
      await db.prisma.outboxEntry.count({ where: { jobId: `timer-${created.id}-assess-1` } }),
    ).toBe(0);
    // The database is still usable afterwards (PGlite's single connection was released).
    expect(await db.ping()).toBe(true);
  });

  it('surfaces a unique-constraint violation as P2002, also inside a transaction', async () => {
    const first = await createCase(db.prisma);
    const duplicate = await createCase(db.prisma, { reference: first.reference }).catch(
      (error: unknown) => error,
    );
    expect(duplicate).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect(duplicate).toMatchObject({ code: 'P2002' });
    expect(isUniqueViolation(duplicate)).toBe(true);

    const inTx = await db.prisma
      .$transaction(async (tx) => {
        await createCase(tx, { reference: `${first.reference}-other` });
        await createCase(tx, { reference: first.reference });
      })
      .catch((error: unknown) => error);
    expect(isUniqueViolation(inTx)).toBe(true);
    expect(await db.prisma.case.count({ where: { reference: `${first.reference}-other` } })).toBe(
      0,
    );
  });

  it('round-trips Json, String[], BigInt and millisecond DateTime columns', async () => {
    const snapshot = {
      value: { investigation: 'open', clocks: ['assess'] },
      context: { count: 3, ratio: 0.5, flag: false, none: null, text: 'Ünïcødé “quotes”' },
    };
    const created = await createCase(db.prisma, { snapshot, stateValue: ['a', 'b'] });
    const read = await db.prisma.case.findUniqueOrThrow({ where: { id: created.id } });
    expect(read.snapshot).toEqual(snapshot);
    expect(read.stateValue).toEqual(['a', 'b']);
    expect(read.reportedAt.toISOString()).toBe(T0.toISOString());

    const personId = randomUUID();
    await db.prisma.person.create({
      data: {
        id: personId,
        displayName: 'D. Smith',
        email: 'd.smith@police.invalid',
        roles: ['investigator', 'psd-supervisor', 'with,comma', 'with "quote"'],
      },
    });
    const person = await db.prisma.person.findUniqueOrThrow({ where: { id: personId } });
    expect(person.roles).toEqual(['investigator', 'psd-supervisor', 'with,comma', 'with "quote"']);
    expect(
      await db.prisma.person.count({ where: { id: personId, roles: { has: 'psd-supervisor' } } }),
    ).toBe(1);

    const entries = await db.prisma.outboxEntry.createManyAndReturn({
      data: [1, 2].map((n) => ({
        kind: 'add-job',
        queue: 'timers',
        jobName: 'case.timer.fire',
        jobId: `bigint-${personId}-${n}`,
        payload: { n },
      })),
    });
    const [a, b] = entries;
    expect(typeof a?.id).toBe('bigint');
    expect(b!.id > a!.id).toBe(true);
    const byId = await db.prisma.outboxEntry.findUniqueOrThrow({ where: { id: b!.id } });
    expect(byId.payload).toEqual({ n: 2 });
    // A BigInt beyond 2^53 is stored and read back exactly.
    const big = 2n ** 60n + 7n;
    await db.prisma.outboxEntry.create({
      data: { id: big, kind: 'k', queue: 'q', jobName: 'j', jobId: `big-${personId}`, payload: {} },
    });
    expect((await db.prisma.outboxEntry.findUniqueOrThrow({ where: { id: big } })).id).toBe(big);
  });
});

describe('openDatabase', () => {
  it('rejects a url that is not PostgreSQL, and no target at all', async () => {
    await expect(openDatabase({ url: 'mysql://localhost/x' })).rejects.toMatchObject({
      code: 'unsupported-url',
    });
    await expect(openDatabase({})).rejects.toBeInstanceOf(DbError);
  });

  it('reports ping false when PostgreSQL is unreachable', async () => {
    const db = await openDatabase({ url: 'postgresql://postgres@127.0.0.1:1/none' });
    try {
      expect(await db.ping()).toBe(false);
    } finally {
      await db.close();
    }
  });

  it('keeps a file-backed PGlite across close and reopen', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ppda-db-pglite-'));
    try {
      const first = await openDatabase({ pgliteDir: join(dir, 'data') });
      expect(await first.migrate()).toHaveLength((await readMigrations()).length);
      const created = await createCase(first.prisma);
      await first.close();

      const second = await openDatabase({ pgliteDir: join(dir, 'data') });
      try {
        expect(await second.migrate()).toEqual([]);
        expect(await second.prisma.case.count({ where: { id: created.id } })).toBe(1);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
