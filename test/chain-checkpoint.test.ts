import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENESIS_HASH, hashEvent, hashedFieldsOf } from '@ppda/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, TSX, VERIFY_CLI } from './support/cli.ts';
import { startHarness, type THarness } from './support/harness.ts';
import { recordConductMatter } from './support/setups.ts';

/**
 * Issue 15, "The chain proves itself", written as the attack: someone with write access to
 * the database deletes a case's newest event, or edits an event and re-hashes the whole chain
 * (and the case row's head) so every link holds again.
 */
const DAY = 24 * 3600 * 1000;

let h: THarness;
let dir: string;
let caseId: string;
let otherCaseId: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ppda-checkpoint-'));
  h = await startHarness({
    start: new Date('2025-03-03T10:00:00Z'),
    checkpoint: { dir: join(dir, 'checkpoints'), keyFile: join(dir, 'keys', 'signing.pem') },
  });
  ({ caseId } = await h.report({ referralCriteriaMet: ['serious-assault'] }));
  ({ caseId: otherCaseId } = await h.report());
  await recordConductMatter(h, caseId);
  await h.time.advanceBy(2 * DAY);
});
afterAll(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

const prisma = () => h.runtime.db.prisma;
const env = () => ({
  ...process.env,
  DATABASE_URL: h.databaseUrl,
  LOG_LEVEL: 'silent',
  CHECKPOINT_KEY_FILE: join(dir, 'keys', 'signing.pem'),
});
const cli = (args: string[]) =>
  run(TSX, [VERIFY_CLI, ...args], { env: env() }).then(
    (done) => ({ code: 0, stdout: done.stdout, stderr: done.stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

/** Rewrite a case's chain from `fromSeq` on so every link holds, and move its head along. */
async function rehash(id: string) {
  const events = await prisma().caseEvent.findMany({
    where: { caseId: id },
    orderBy: { seq: 'asc' },
  });
  let prevHash = GENESIS_HASH;
  for (const event of events) {
    const hash = hashEvent(prevHash, hashedFieldsOf(event));
    await prisma().caseEvent.update({ where: { id: event.id }, data: { prevHash, hash } });
    prevHash = hash;
  }
  await prisma().case.update({ where: { id }, data: { headHash: prevHash } });
}

describe('verify compares each chain with its case head', () => {
  it('catches the newest event deleted (API and CLI)', async () => {
    const newest = await prisma().caseEvent.findFirstOrThrow({
      where: { caseId: otherCaseId },
      orderBy: { seq: 'desc' },
    });
    await prisma().caseEvent.delete({ where: { id: newest.id } });
    try {
      const response = await h.as('aa-1', { method: 'GET', url: `/cases/${otherCaseId}/verify` });
      expect(response.json()).toMatchObject({ intact: false, firstBroken: { problem: 'head' } });
      expect(response.json().firstBroken.message).toContain('newest events were removed');
      const verified = await cli([otherCaseId]);
      expect(verified.code).toBe(1);
      expect(verified.stdout).toContain(`BROKEN  ${otherCaseId}`);
    } finally {
      await prisma().caseEvent.create({ data: newest as never });
    }
    const again = await h.as('aa-1', { method: 'GET', url: `/cases/${otherCaseId}/verify` });
    expect(again.json()).toMatchObject({ intact: true });
  });
});

describe('signed checkpoints', () => {
  let file: string;

  it('signs every case head into a file outside the database, logged in the ops log', async () => {
    const written = await h.engine.writeCheckpoint();
    expect(written).not.toBeNull();
    file = written!.file;
    expect(file.startsWith(join(dir, 'checkpoints'))).toBe(true);
    expect(written!.checkpoint.heads.map((head) => head.caseId).sort()).toEqual(
      [caseId, otherCaseId].sort(),
    );
    const logged = await prisma().opsLogEntry.findMany({ where: { action: 'chain.checkpoint' } });
    expect(logged).toHaveLength(1);
    const intact = await cli(['--checkpoint', file]);
    expect(intact.stdout).toContain('2 case(s), 0 broken');
    expect(intact.code).toBe(0);
    // A second copy of the signed root, outside the database and the engine: oversight's mail.
    await h.time.settle();
    const mailed = h.sink
      .messages()
      .filter((mail) => mail.subject.startsWith('PPDA case records checkpoint'));
    expect(mailed.flatMap((mail) => mail.to)).toEqual(['auditor@opcc.test']);
    expect(mailed[0]!.text).toContain(`Merkle root: ${written!.checkpoint.root}`);
    expect(mailed[0]!.text).toContain(written!.checkpoint.signature);
  });

  it('proves an edited and fully re-hashed chain was changed, though verify finds it intact', async () => {
    const target = await prisma().caseEvent.findFirstOrThrow({
      where: { caseId, seq: 2 },
    });
    await prisma().caseEvent.update({
      where: { id: target.id },
      data: { rationale: 'Quietly rewritten.' },
    });
    await rehash(caseId);
    try {
      // Every link holds and the chain ends at the (moved) head: the chain alone cannot tell.
      expect((await h.engine.verifyCase(caseId)).intact).toBe(true);
      const proved = await cli(['--checkpoint', file]);
      expect(proved.code).toBe(1);
      expect(proved.stdout).toContain(`BROKEN  ${caseId}`);
      expect(proved.stdout).toContain('1 broken');
    } finally {
      await prisma().caseEvent.update({
        where: { id: target.id },
        data: { rationale: target.rationale },
      });
      await rehash(caseId);
    }
    expect((await cli(['--checkpoint', file])).code).toBe(0);
  });

  it('proves a removed event, and events recorded after the checkpoint leave it intact', async () => {
    await h.time.advanceBy(30 * DAY); // more rungs: events after the checkpoint
    expect((await cli(['--checkpoint', file])).code).toBe(0);
    const first = await prisma().caseEvent.findFirstOrThrow({ where: { caseId, seq: 1 } });
    await prisma().caseEvent.delete({ where: { id: first.id } });
    try {
      const proved = await cli(['--checkpoint', file]);
      expect(proved.code).toBe(1);
      expect(proved.stdout).toContain('gone');
    } finally {
      await prisma().caseEvent.create({ data: first as never });
    }
  });

  it('refuses a checkpoint whose heads were edited after signing', async () => {
    const { readFile } = await import('node:fs/promises');
    const checkpoint = JSON.parse(await readFile(file, 'utf8'));
    checkpoint.heads[0].hash = 'f'.repeat(64);
    const forged = join(dir, 'forged.json');
    await writeFile(forged, JSON.stringify(checkpoint));
    const refused = await cli(['--checkpoint', forged]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('signature NOT valid');
  });
});
