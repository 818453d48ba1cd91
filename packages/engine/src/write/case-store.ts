import { setTimeout as sleep } from 'node:timers/promises';
import { Prisma } from '@ppda/db';
import { AppError } from '@ppda/domain';
import { MACHINE_VERSION, persistCase, restoreCase, type TCaseSnapshot } from '@ppda/ppda-case';
import { activeAssignmentsColumn, caseNotFound, isCaseId } from '../access/authorize.ts';
import {
  subjectContextColumns,
  type TSubjectContextColumns,
  toSubjectContext,
} from '../access/case-parties.ts';
import type { TEngineDeps } from '../runtime/deps.ts';
import { parseLadder, type TTimerRung } from '../timers/rung.ts';
import type { TDutyHolders } from '../timers/rung-recipients.ts';
import type { TCaseState } from './case-write.ts';
import type { TChainHead } from './chain-event.ts';
import { VersionConflict } from './version-conflict.ts';

/** A running (armed, overdue or paused) timer as a write needs it. */
export interface TTimerRow {
  id: string;
  caseId: string;
  ruleId: string;
  generation: number;
  epoch: number;
  status: string;
  anchorAt: Date;
  dueAt: Date;
  /** Parsed with its schema as the row is read (`parseLadder`). */
  ladder: TTimerRung[];
  nextRung: number;
  nextFireAt: Date | null;
  pausedAt: Date | null;
  stoppedAt: Date | null;
  stoppedBy: string | null;
  /** The bank-holiday dataset version its schedule was planned with (0: shipped data). */
  calendarVersion: number;
  /** Its due date or a rung relied on bank holidays projected by rule. */
  projected: boolean;
}

export interface TCaseRow {
  id: string;
  reference: string;
  version: number;
  machineVersion: number;
  snapshot: unknown;
  ownerId: string;
  supervisorId: string | null;
  subjectId: string | null;
  headSeq: number;
  headHash: string;
  /** The assigned criminal OIC and victim SPOC, who owe the criminal and victim clocks. */
  dutyHolders: TDutyHolders;
}

// timestamp(3) columns come out of row_to_json without a zone; they hold UTC.
const utc = (value: string | null) => (value === null ? null : new Date(`${value}Z`));

const RUNNING = new Set(['armed', 'overdue', 'paused']);
const isRunning = (timer: { status: string }) => RUNNING.has(timer.status);

/**
 * A case (by id, or the case a timer runs on) as a write needs it, in one round trip: its
 * row (version, head of the event chain), its running timers, the highest generation of each
 * rule's timer, and its subject context. Timers and the chain head change only in writes
 * that also move the version, so they are consistent with it.
 */
export async function loadCase(
  deps: TEngineDeps,
  key: string | { timerId: string },
  /** Also read this person's active assignments on the case, for an access decision. */
  assignmentsOf?: string,
) {
  const caseId = typeof key === 'string' ? key : `of timer ${key.timerId}`;
  if (typeof key === 'string' && !isCaseId(key)) throw caseNotFound(caseId);
  const where =
    typeof key === 'string'
      ? Prisma.sql`c.id = ${key}::uuid`
      : Prisma.sql`c.id = (SELECT "caseId" FROM "Timer" WHERE id = ${key.timerId})`;
  // The timers as json, not jsonb: built straight as the text the driver parses (jsonb cost
  // ~50 µs more a load, measured).
  const rows = await deps.sql.query<
    TCaseRow & {
      timers: (Omit<
        TTimerRow,
        'ladder' | 'anchorAt' | 'dueAt' | 'nextFireAt' | 'pausedAt' | 'stoppedAt'
      > &
        Record<'ladder', unknown> &
        Record<'anchorAt' | 'dueAt', string> &
        Record<'nextFireAt' | 'pausedAt' | 'stoppedAt', string | null>)[];
      assignments: string[];
    } & TSubjectContextColumns
  >(Prisma.sql`SELECT c.id, c.reference, c.version, c."machineVersion", c.snapshot, c."ownerId",
      c."supervisorId", c."subjectId", c."headSeq", c."headHash",
      COALESCE((SELECT json_agg(CASE WHEN t.status IN ('armed', 'overdue', 'paused')
          THEN row_to_json(t) ELSE json_build_object('ruleId', t."ruleId",
            'generation', t.generation, 'status', t.status) END)
        FROM "Timer" t WHERE t."caseId" = c.id), '[]') AS timers,
      ${subjectContextColumns(Prisma.sql`c."subjectId"`)},
      (SELECT COALESCE(json_object_agg(d.role, d."personId"), '{}') FROM (
        SELECT DISTINCT ON (a.role) a.role, a."personId" FROM "CaseAssignment" a
        WHERE a."caseId" = c.id AND a."endedAt" IS NULL
          AND a.role IN ('criminal-oic', 'victim-spoc')
        ORDER BY a.role, a.id DESC) d) AS "dutyHolders",
      ${
        assignmentsOf === undefined
          ? Prisma.sql`'{}'::text[]`
          : activeAssignmentsColumn(assignmentsOf)
      } AS assignments
    FROM "Case" c WHERE ${where}`);
  const loaded = rows[0];
  if (!loaded) throw caseNotFound(caseId);
  const {
    timers,
    subjectEntry,
    subjectChain,
    subjectAssociates,
    actingHolders,
    assignments,
    ...row
  } = loaded;
  // Every timer the case ever had counts for the next generation; only running ones are kept.
  const generations: Record<string, number> = {};
  for (const timer of timers) {
    generations[timer.ruleId] = Math.max(generations[timer.ruleId] ?? 0, timer.generation);
  }
  return {
    row,
    /** The subject and those the case is kept from: for the decision checks and recipients. */
    subject: toSubjectContext(row.subjectId, {
      subjectEntry,
      subjectChain,
      subjectAssociates,
      actingHolders,
    }),
    /** `assignmentsOf`'s active assignments (empty when not asked for). */
    assignments,
    snapshot: restoreCase(row.snapshot, row.machineVersion),
    timers: timers.filter(isRunning).map(
      (timer): TTimerRow => ({
        ...timer,
        ladder: parseLadder(timer.ladder),
        anchorAt: utc(timer.anchorAt)!,
        dueAt: utc(timer.dueAt)!,
        nextFireAt: utc(timer.nextFireAt),
        pausedAt: utc(timer.pausedAt),
        stoppedAt: utc(timer.stoppedAt),
      }),
    ),
    generations,
  };
}

/** The case row a write leaves: the machine's snapshot and the new head of the chain. */
export function caseState(next: TCaseSnapshot, head: TChainHead): TCaseState {
  return {
    snapshot: persistCase(next),
    stateValue: next.value,
    status: next.status === 'done' ? 'closed' : 'open',
    machineVersion: MACHINE_VERSION,
    ...head,
  };
}

/**
 * The pause before retry `retry` (1, 2, …): "full jitter" over a window doubling from 2 ms to
 * at most 64 ms. Losers that retried at once would collide again; spread out, most land.
 */
export function conflictPauseMs(retry: number, random = Math.random): number {
  return random() * Math.min(64, 2 ** retry);
}

/** Re-run `attempt` when a concurrent writer won; the loser re-reads and re-decides. */
export async function retryOnConflict<T>(
  attempt: () => Promise<T>,
  { tries = 8, pause = (ms: number) => sleep(ms) } = {},
): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error;
      // Still losing after every retry: a 409 the caller can retry, not an internal error.
      if (i >= tries) throw new AppError('conflict', `case ${error.caseId} is busy; retry`);
      await pause(conflictPauseMs(i));
    }
  }
}
