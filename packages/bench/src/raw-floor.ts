import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import pg from 'pg';
import { measureRate } from './measure.ts';

/**
 * The floor: what PostgreSQL and BullMQ allow for one case event with no engine at all. One
 * transaction of the same shape (update the case, insert its event, insert a timer) on the
 * engine's own tables through the plain `pg` driver, then one delayed BullMQ add. Its rows
 * stay out of the engine's way: event seq 1000, timer status `met` (never re-armed).
 */
export async function measureRawFloor(options: {
  databaseUrl: string;
  caseIds: string[];
  redis: Redis;
  prefix: string;
  inFlight: number;
}) {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.inFlight });
  const queue = new Queue('raw-floor', { connection: options.redis, prefix: options.prefix });
  const transaction = await floorTransaction(pool, options.caseIds[0]!);
  try {
    return await measureRate(options.caseIds.length, options.inFlight, async (index) => {
      const timerId = await transaction(options.caseIds[index]!);
      await queue.add(
        'raw.fire',
        { timerId, rung: 0 },
        { jobId: `${timerId}.r0`, delay: 86_400_000, removeOnComplete: true },
      );
    });
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
    await pool.end();
  }
}

/**
 * The floor's transaction, on its own: update a case (checked against the version of
 * `templateCaseId`, whose untouched copies it takes), insert its event (seq 1000) and a timer
 * that never re-arms (status `met`). Resolves with the timer's id.
 */
export async function floorTransaction(pool: pg.Pool, templateCaseId: string) {
  const { rows } = await pool.query<{ snapshot: unknown; version: number }>(
    'SELECT snapshot, version FROM "Case" WHERE id = $1',
    [templateCaseId],
  );
  const snapshot = JSON.stringify(rows[0]?.snapshot ?? {});
  const version = rows[0]?.version ?? 1;
  const ladder = JSON.stringify([
    { rung: 0, kind: 'reminder', fireAt: new Date().toISOString(), notify: ['case-owner'] },
    { rung: 1, kind: 'due', fireAt: new Date().toISOString(), notify: ['case-owner'] },
  ]);
  return async (caseId: string): Promise<string> => {
    const timerId = `floor.${randomUUID()}`;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const updated = await client.query(
        `UPDATE "Case" SET version = version + 1, snapshot = $2, "stateValue" = $3,
           "updatedAt" = now() WHERE id = $1 AND version = $4`,
        [caseId, snapshot, '{"referral":"decisionDue"}', version],
      );
      if (updated.rowCount !== 1) throw new Error(`floor: case ${caseId} not updated`);
      await client.query(
        `INSERT INTO "CaseEvent" ("caseId", seq, type, "actorId", "actorRole", rationale,
           payload, "occurredAt", "prevHash", hash)
         VALUES ($1, 1000, 'referral.criterion.identified', 'inv-1', 'investigator', $2, $3,
           now(), $4, $5)`,
        [
          caseId,
          'Criterion identified during assessment.',
          '{"criteria":["serious-assault"]}',
          '0'.repeat(64),
          'f'.repeat(64),
        ],
      );
      await client.query(
        `INSERT INTO "Timer" (id, "caseId", "ruleId", generation, status, "anchorAt", "dueAt",
           ladder, "nextRung", "nextFireAt", "updatedAt")
         VALUES ($1, $2, 'iopc.referral', 1000, 'met', now(), now() + interval '1 day', $3, 0,
           now() + interval '1 day', now())`,
        [timerId, caseId, ladder],
      );
      await client.query('COMMIT');
      return timerId;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };
}
