import type { PrismaClient } from '@ppda/db';
import { AppError } from '@ppda/domain';
import { GENESIS_HASH, hashEvent, hashedFieldsOf } from '../write/hash-chain.ts';

export interface TBrokenLink {
  seq: number;
  eventId: string;
  /** `hash`: the row's content no longer matches its hash (this row was edited).
   *  `prev-hash`: the row does not point at the hash of the one before it.
   *  `seq`: a sequence number is missing or repeated (a row was removed or inserted).
   *  `head`: the chain ends short of, or past, the head the case row keeps (its newest
   *  events were removed, or some appended outside the engine). */
  problem: 'hash' | 'prev-hash' | 'seq' | 'head';
  message: string;
}

export interface TChainReport {
  caseId: string;
  events: number;
  intact: boolean;
  /** The first broken link, in sequence order; everything before it verified. */
  firstBroken: TBrokenLink | null;
  /** Hash of the last event: quote it elsewhere to detect later truncation. */
  head: string;
}

/**
 * Recompute a case's hash chain from the stored rows and name the first link that does not
 * hold. Reads only the database, so it runs from a CLI with no Redis.
 */
export async function verifyCaseChain(prisma: PrismaClient, caseId: string): Promise<TChainReport> {
  const found = await prisma.case.findUnique({
    where: { id: caseId },
    select: { id: true, headSeq: true, headHash: true },
  });
  if (!found) throw new AppError('not-found', `no case ${caseId}`);
  // Insertion order, not seq: an edited seq then shows up on the row that was edited.
  const events = await prisma.caseEvent.findMany({ where: { caseId }, orderBy: { id: 'asc' } });
  let prevHash = GENESIS_HASH;
  let firstBroken: TBrokenLink | null = null;
  for (const [index, event] of events.entries()) {
    const eventId = String(event.id);
    const expectedSeq = index + 1;
    const broken = (problem: TBrokenLink['problem'], message: string): TBrokenLink => ({
      seq: event.seq,
      eventId,
      problem,
      message: `event seq ${event.seq} (id ${eventId}): ${message}`,
    });
    if (event.seq !== expectedSeq) {
      firstBroken = broken('seq', `expected seq ${expectedSeq}: an event was removed or inserted`);
      break;
    }
    if (event.prevHash !== prevHash) {
      firstBroken = broken('prev-hash', `does not point at the hash of seq ${expectedSeq - 1}`);
      break;
    }
    const recomputed = hashEvent(prevHash, hashedFieldsOf(event));
    if (recomputed !== event.hash) {
      firstBroken = broken('hash', 'its content does not match its hash: the row was altered');
      break;
    }
    prevHash = event.hash;
  }
  // Every link holding proves nothing about the end: cutting the newest events leaves a
  // shorter chain that holds. The case row's head (written with each event) must match.
  const last = events.at(-1);
  if (!firstBroken && (events.length !== found.headSeq || prevHash !== found.headHash)) {
    firstBroken = {
      seq: found.headSeq,
      eventId: last ? String(last.id) : '',
      problem: 'head',
      message:
        events.length < found.headSeq
          ? `the case's head is seq ${found.headSeq} but the chain ends at seq ${events.length}: the newest events were removed`
          : `the chain (ending at seq ${events.length}) does not end at the case's head (seq ${found.headSeq}): events were appended or replaced outside the engine`,
    };
  }
  return {
    caseId,
    events: events.length,
    intact: firstBroken === null,
    firstBroken,
    head: events.at(-1)?.hash ?? GENESIS_HASH,
  };
}

/** Verify every case, oldest first; stops at nothing, reports each. */
export async function verifyAllCases(prisma: PrismaClient): Promise<TChainReport[]> {
  const cases = await prisma.case.findMany({ select: { id: true }, orderBy: { createdAt: 'asc' } });
  const reports: TChainReport[] = [];
  for (const { id } of cases) reports.push(await verifyCaseChain(prisma, id));
  return reports;
}
