import { Prisma, type PrismaClient, type TSql, type Tx } from '@ppda/db';
import { accessPictureOf, comparePictures, type TAccessPicture } from '../access/access-picture.ts';
import {
  subjectContextColumns,
  type TSubjectContextColumns,
  toSubjectContext,
} from '../access/case-parties.ts';
import { SYSTEM_ACTOR } from '../runtime/deps.ts';
import type { Clock } from '../runtime/time-source.ts';
import { type TCaseState, writeCase } from '../write/case-write.ts';
import { chainEvent } from '../write/chain-event.ts';

/** What a directory change needs: the database, and the clock its records are stamped by. */
export interface TDirectoryDeps {
  prisma: PrismaClient;
  clock?: Clock;
}

export type TDirectorySource = 'hr-feed' | 'role-grant' | 'bootstrap';

export type TDirectoryChangeKind =
  | 'person.created'
  | 'person.updated'
  | 'person.left'
  | 'association.added'
  | 'association.updated'
  | 'association.removed'
  | 'role.granted'
  | 'role.revoked';

/** One change as its writer describes it; who, when and the source are stamped on. */
export interface TDirectoryChangeDraft {
  kind: TDirectoryChangeKind;
  personId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface TDirectoryChangeBy {
  actorId: string;
  source: TDirectorySource;
  rationale?: string;
}

/** Directory changes run one at a time, so each one's "before" is the last one's "after". */
const DIRECTORY_LOCK = Prisma.raw('7370720112');

/** A `TSql` inside a Prisma transaction: the engine's case write, in the directory's commit. */
const txSql = (tx: Tx): TSql => ({
  query: <TRow>(statement: Prisma.Sql) => tx.$queryRaw<TRow[]>(statement),
});

/** The access picture of every live case, by id. */
async function livePictures(sql: TSql): Promise<Map<string, TAccessPicture>> {
  const rows = await sql.query<{ id: string; subjectId: string | null } & TSubjectContextColumns>(
    Prisma.sql`SELECT c.id::text AS id, c."subjectId",
        ${subjectContextColumns(Prisma.sql`c."subjectId"`)}
      FROM "Case" c WHERE c.status = 'open'`,
  );
  return new Map(
    rows.map((row) => [row.id, accessPictureOf(toSubjectContext(row.subjectId, row))]),
  );
}

export interface TDirectoryChangeOutcome<T> {
  result: T;
  /** Ids of the change rows written. */
  changeIds: string[];
  /** Live cases whose barred people or actors moved: each got a `directory.changed` event. */
  casesRecorded: string[];
}

/**
 * Run one directory change as one transaction: `change` writes people and associations and
 * describes what it did; its versioned rows, and a `directory.changed` event on every live
 * case whose access picture it moved, commit with it or not at all. Case events go through
 * the engine's own write (version-checked, hash-chained) on rows locked for the purpose, so a
 * command racing on the case waits rather than losing its write.
 */
export async function applyDirectoryChange<T>(
  deps: TDirectoryDeps,
  by: TDirectoryChangeBy,
  change: (tx: Tx) => Promise<{ result: T; changes: TDirectoryChangeDraft[] }>,
): Promise<TDirectoryChangeOutcome<T>> {
  const at = deps.clock?.now() ?? new Date();
  return deps.prisma.$transaction(
    async (tx) => {
      const sql = txSql(tx);
      await sql.query(
        Prisma.sql`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${DIRECTORY_LOCK})) l`,
      );
      const before = await livePictures(sql);
      const { result, changes } = await change(tx);
      if (changes.length === 0) return { result, changeIds: [], casesRecorded: [] };
      const written = await tx.directoryChange.createManyAndReturn({
        data: changes.map((draft) => ({
          at,
          actorId: by.actorId,
          source: by.source,
          kind: draft.kind,
          personId: draft.personId,
          before: (draft.before ?? Prisma.DbNull) as Prisma.InputJsonValue,
          after: (draft.after ?? Prisma.DbNull) as Prisma.InputJsonValue,
          rationale: by.rationale ?? null,
        })),
        select: { id: true },
      });
      const changeIds = written.map((row) => String(row.id));
      const after = await livePictures(sql);
      const casesRecorded: string[] = [];
      for (const [caseId, was] of before) {
        const now = after.get(caseId);
        if (!now) continue;
        const moved = comparePictures(was, now);
        if (!moved.changed) continue;
        await recordOnCase(sql, caseId, {
          at,
          by,
          changeIds,
          changes,
          before: was,
          after: now,
          moved,
        });
        casesRecorded.push(caseId);
      }
      return { result, changeIds, casesRecorded };
    },
    // A feed of a whole force with many live cases to compare is not a 5-second job.
    { maxWait: 30_000, timeout: 300_000 },
  );
}

type TCaseHeadRow = TCaseState & { version: number };

/** The `directory.changed` event on one case, written as any case event is. */
async function recordOnCase(
  sql: TSql,
  caseId: string,
  change: {
    at: Date;
    by: TDirectoryChangeBy;
    changeIds: string[];
    changes: TDirectoryChangeDraft[];
    before: TAccessPicture;
    after: TAccessPicture;
    moved: ReturnType<typeof comparePictures>;
  },
): Promise<void> {
  // Locked: the version read is the version written, whatever commands race on the case.
  const [row] = await sql.query<TCaseHeadRow>(Prisma.sql`SELECT version, snapshot,
      "stateValue", status, "machineVersion", "headSeq", "headHash"
    FROM "Case" WHERE id = ${caseId}::uuid FOR UPDATE`);
  if (!row) return;
  const { by, moved } = change;
  // The changes that concern this case: about someone barred before or after, or a role
  // (who acts); a feed of a whole force names only its few rows that matter here.
  const involved = new Set([...change.before.barred, ...change.after.barred]);
  const concerns = (draft: TDirectoryChangeDraft) =>
    draft.kind.startsWith('role.') ||
    involved.has(draft.personId) ||
    [draft.before?.associateId, draft.after?.associateId].some(
      (id) => typeof id === 'string' && involved.has(id),
    );
  const relevant = change.changes.flatMap((draft, index) =>
    concerns(draft) ? [{ draft, id: change.changeIds[index] ?? '?' }] : [],
  );
  const named = (
    relevant.length > 0
      ? relevant
      : change.changes.map((draft, index) => ({ draft, id: change.changeIds[index] ?? '?' }))
  ).slice(0, 20);
  const kinds = [...new Set(named.map(({ draft }) => `${draft.kind} ${draft.personId}`))].join(
    ', ',
  );
  const what = [
    moved.barredAdded.length > 0 ? `now kept from it: ${moved.barredAdded.join(', ')}` : '',
    moved.barredRemoved.length > 0
      ? `no longer kept from it: ${moved.barredRemoved.join(', ')}`
      : '',
    moved.actorsChanged ? 'who acts for it changed' : '',
  ]
    .filter(Boolean)
    .join('; ');
  const { event, head } = chainEvent(caseId, row, {
    type: 'directory.changed',
    actor: SYSTEM_ACTOR,
    rationale: `Directory change by ${by.actorId} (${by.source}: ${kinds}): ${what}.${by.rationale ? ` Rationale: ${by.rationale}` : ''}`,
    payload: {
      source: by.source,
      by: by.actorId,
      changeIds: named.map(({ id }) => id),
      barredAdded: moved.barredAdded,
      barredRemoved: moved.barredRemoved,
      before: change.before,
      after: change.after,
    },
    occurredAt: change.at,
  });
  await writeCase(sql, {
    caseId,
    expectedVersion: row.version,
    // The case's own state is untouched: only its version and the head of its chain move.
    state: {
      snapshot: row.snapshot,
      stateValue: row.stateValue,
      status: row.status,
      machineVersion: row.machineVersion,
      headSeq: head.headSeq,
      headHash: head.headHash,
    },
    event,
  });
}
