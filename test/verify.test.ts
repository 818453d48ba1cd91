import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, TSX, VERIFY_CLI } from './support/cli.ts';
import { startHarness, type THarness } from './support/harness.ts';
import { recordConductMatter } from './support/setups.ts';

const DAY = 24 * 3600 * 1000;

let h: THarness;
let caseId: string;
let target: { id: bigint; seq: number };

beforeAll(async () => {
  h = await startHarness({ start: new Date('2025-03-03T10:00:00Z') });
  ({ caseId } = await h.report({ referralCriteriaMet: ['serious-assault'] }));
  await recordConductMatter(h, caseId);
  await h.time.advanceBy(3 * DAY);
  const events = await h.runtime.db.prisma.caseEvent.findMany({
    where: { caseId },
    orderBy: { seq: 'asc' },
  });
  expect(events.length).toBeGreaterThanOrEqual(5);
  // A clock event in the middle of the chain, with a rule id and a payload.
  const middle = events.find((event) => event.seq >= 3 && event.ruleId !== null)!;
  target = { id: middle.id, seq: middle.seq };
});
afterAll(async () => {
  await h.close();
});

const verify = async () => {
  const response = await h.as('aa-1', { method: 'GET', url: `/cases/${caseId}/verify` });
  expect(response.statusCode).toBe(200);
  return response.json();
};

/** Each edit of a stored row, and how to undo it. */
const EDITS: [string, string, string][] = [
  ['type', `"type" = "type" || '!'`, `"type" = left("type", -1)`],
  ['actorId', `"actorId" = "actorId" || '!'`, `"actorId" = left("actorId", -1)`],
  ['actorRole', `"actorRole" = "actorRole" || '!'`, `"actorRole" = left("actorRole", -1)`],
  ['ruleId', `"ruleId" = "ruleId" || '!'`, `"ruleId" = left("ruleId", -1)`],
  ['rationale', `"rationale" = 'Quietly rewritten.'`, `"rationale" = NULL`],
  [
    'payload',
    `"payload" = "payload" || '{"rung": 99}'`,
    `"payload" = "payload" || '{"rung": __RUNG__}'`,
  ],
  [
    'occurredAt',
    `"occurredAt" = "occurredAt" + interval '1 millisecond'`,
    `"occurredAt" = "occurredAt" - interval '1 millisecond'`,
  ],
  ['seq', `"seq" = "seq" + 1000`, `"seq" = "seq" - 1000`],
  ['prevHash', `"prevHash" = md5("prevHash") || md5("prevHash")`, `"prevHash" = __PREV__`],
  ['hash', `"hash" = md5("hash") || md5("hash")`, `"hash" = __HASH__`],
];

describe('verify: the hash chain shows any edit to a stored event', () => {
  it('finds an untouched chain intact', async () => {
    const report = await verify();
    expect(report).toMatchObject({ caseId, intact: true, firstBroken: null });
    expect(report.head).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each(EDITS)('names the row when its %s is edited', async (_column, edit, undo) => {
    const prisma = h.runtime.db.prisma;
    const original = await prisma.caseEvent.findUniqueOrThrow({ where: { id: target.id } });
    const undoSql = undo
      .replace('__RUNG__', String((original.payload as { rung: number }).rung))
      .replace('__PREV__', `'${original.prevHash}'`)
      .replace('__HASH__', `'${original.hash}'`);
    await prisma.$executeRawUnsafe(`UPDATE "CaseEvent" SET ${edit} WHERE id = ${target.id}`);
    try {
      const report = await verify();
      expect(report.intact).toBe(false);
      expect(report.firstBroken).toMatchObject({ eventId: String(target.id) });
      expect(report.firstBroken.message).toContain(`(id ${target.id})`);
    } finally {
      await prisma.$executeRawUnsafe(`UPDATE "CaseEvent" SET ${undoSql} WHERE id = ${target.id}`);
    }
    expect((await verify()).intact).toBe(true);
  });

  it('pnpm verify names the broken row and exits 1; intact cases exit 0', async () => {
    const env = { ...process.env, DATABASE_URL: h.databaseUrl, LOG_LEVEL: 'silent' };
    const intact = await run(TSX, [VERIFY_CLI, '--all'], { env });
    expect(intact.stdout).toContain(`intact  ${caseId}`);

    const prisma = h.runtime.db.prisma;
    await prisma.$executeRawUnsafe(
      `UPDATE "CaseEvent" SET "rationale" = 'Quietly rewritten.' WHERE id = ${target.id}`,
    );
    try {
      const broken = await run(TSX, [VERIFY_CLI, caseId], { env }).catch(
        (error: { code: number; stdout: string }) => error,
      );
      expect(broken).toMatchObject({ code: 1 });
      expect(broken.stdout).toContain(
        `BROKEN  ${caseId}  event seq ${target.seq} (id ${target.id})`,
      );
    } finally {
      await prisma.$executeRawUnsafe(
        `UPDATE "CaseEvent" SET "rationale" = NULL WHERE id = ${target.id}`,
      );
    }
  });
});
