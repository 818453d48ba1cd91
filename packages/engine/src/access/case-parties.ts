import {
  ACTING_ROLES,
  barredLineChain,
  isChiefConstable,
  type TCaseParties,
  type TDirectoryEntry,
  whoActsFor,
} from '@ppda/access';
import { Prisma, type TSql } from '@ppda/db';
import { type TRank, ZRank } from '@ppda/domain';

/** Line chains are short; a longer one is a data fault, not a reason to loop for ever. */
const MAX_CHAIN = 32;

interface TEntryRow {
  id: string;
  roles: string[];
  rank: string | null;
  force: string | null;
  department: string | null;
  team: string | null;
  lineManagerId: string | null;
}

function toEntry(row: TEntryRow): TDirectoryEntry {
  const rank = ZRank.safeParse(row.rank);
  return { ...row, rank: rank.success ? (rank.data as TRank) : null };
}

const ENTRY_COLUMNS = Prisma.sql`p.id, p.roles, p.rank, p.force, p.department, p.team, p."lineManagerId"`;

/**
 * `personId`'s line managers, nearest first: walks the directory in the database (one round
 * trip whatever the depth), stopping at a loop, a manager missing from the directory (who is
 * still listed, rank unknown) or MAX_CHAIN. `select` reads each `manager` (id) at `depth`.
 */
function lineChainOf(personId: Prisma.Sql | string, select: Prisma.Sql) {
  return Prisma.sql`(
    WITH RECURSIVE walk(manager, depth, seen) AS (
      SELECT p."lineManagerId", 1, ARRAY[p.id] FROM "Person" p WHERE p.id = ${personId}
      UNION ALL
      SELECT m."lineManagerId", walk.depth + 1, walk.seen || m.id
      FROM walk JOIN "Person" m ON m.id = walk.manager
      WHERE NOT m.id = ANY(walk.seen) AND walk.depth < ${MAX_CHAIN}
    )
    SELECT ${select} FROM walk LEFT JOIN "Person" lm ON lm.id = walk.manager
    WHERE manager IS NOT NULL AND NOT manager = ANY(seen)
  )`;
}
const chainIds = Prisma.sql`COALESCE(array_agg(manager ORDER BY depth), '{}')`;
/** The chain with what `gate.access` needs to know where it stops: each manager's rank and roles. */
const chainLinks = Prisma.sql`COALESCE(jsonb_agg(jsonb_build_object('id', manager,
  'rank', lm.rank, 'roles', COALESCE(lm.roles, '{}')) ORDER BY depth), '[]')`;

/** Everyone who may act for a case: the AA, chief constable, PCC, Head of PSD; no leaver. */
const ACTING_HOLDERS = Prisma.sql`(
  SELECT COALESCE(jsonb_agg(to_jsonb(e) ORDER BY e.id), '[]') FROM (
    SELECT ${ENTRY_COLUMNS} FROM "Person" p
    WHERE p.roles && ${[...ACTING_ROLES]}::text[] AND p."leftAt" IS NULL) e
)`;

/** Everyone with a declared association to `personId`, whichever of them declared it. */
function associatesOf(personId: Prisma.Sql | string) {
  return Prisma.sql`(
    SELECT COALESCE(array_agg(DISTINCT CASE WHEN a."personId" = ${personId}
      THEN a."associateId" ELSE a."personId" END), '{}')
    FROM "Association" a WHERE a."personId" = ${personId} OR a."associateId" = ${personId}
  )`;
}

export async function loadDirectoryEntry(
  sql: TSql,
  id: string,
): Promise<TDirectoryEntry | undefined> {
  const rows = await sql.query<TEntryRow>(Prisma.sql`SELECT ${ENTRY_COLUMNS} FROM "Person" p
    WHERE p.id = ${id}`);
  return rows[0] ? toEntry(rows[0]) : undefined;
}

/** A person's line managers, nearest first (stops at a loop or a missing manager). */
export async function loadLineChain(
  sql: TSql,
  person: TDirectoryEntry | undefined,
): Promise<string[]> {
  if (!person?.lineManagerId) return [];
  const rows = await sql.query<{ chain: string[] }>(
    Prisma.sql`SELECT ${lineChainOf(person.id, chainIds)} AS chain`,
  );
  return rows[0]?.chain ?? [];
}

export async function loadAssociates(sql: TSql, personId: string): Promise<string[]> {
  const rows = await sql.query<{ associates: string[] }>(
    Prisma.sql`SELECT ${associatesOf(personId)} AS associates`,
  );
  return rows[0]?.associates ?? [];
}

export interface TSubjectContext {
  parties: TCaseParties;
  /** Undefined for cases opened before subjects were recorded, or a subject since removed. */
  subject: TDirectoryEntry | undefined;
}

/**
 * Columns that read a case's subject context in the same query as whatever names the
 * subject (`subjectId`: a parameter or a column such as `c."subjectId"`).
 */
export function subjectContextColumns(subjectId: Prisma.Sql | string) {
  return Prisma.sql`
    (SELECT to_jsonb(e) FROM (SELECT ${ENTRY_COLUMNS} FROM "Person" p WHERE p.id = ${subjectId}) e)
      AS "subjectEntry",
    ${lineChainOf(subjectId, chainLinks)} AS "subjectChain",
    ${associatesOf(subjectId)} AS "subjectAssociates",
    ${ACTING_HOLDERS} AS "actingHolders"`;
}

interface TChainLink {
  id: string;
  rank: string | null;
  roles: string[];
}

export interface TSubjectContextColumns {
  subjectEntry: TEntryRow | null;
  subjectChain: TChainLink[];
  subjectAssociates: string[];
  actingHolders: TEntryRow[];
}

/**
 * The case's parties from its subject context columns: who it is kept from (the chain cut
 * where `gate.access` stops it) and who acts for it, resolved from the directory as it stands.
 */
export function toSubjectContext(
  subjectId: string | null,
  columns: TSubjectContextColumns,
): TSubjectContext {
  const subject = subjectId && columns.subjectEntry ? toEntry(columns.subjectEntry) : undefined;
  const chain = subjectId
    ? columns.subjectChain.map((link) => toEntry({ ...emptyEntry, ...link }))
    : [];
  const barredChain = barredLineChain(chain);
  const subjectAssociates = subjectId ? columns.subjectAssociates : [];
  return {
    parties: {
      subjectId,
      subjectChain: chain.map((link) => link.id),
      barredChain,
      subjectAssociates,
      subjectIsChiefOfficer: subject ? isChiefConstable(subject) : false,
      actingFor: whoActsFor({
        subjectId,
        subject,
        barredChain,
        subjectAssociates,
        holders: columns.actingHolders.map(toEntry),
      }),
    },
    subject,
  };
}

const emptyEntry = { force: null, department: null, team: null, lineManagerId: null };

/** The subject of a case, those it is kept from and who acts for it, in one round trip. */
export async function loadSubjectContext(
  sql: TSql,
  subjectId: string | null,
): Promise<TSubjectContext> {
  const rows = await sql.query<TSubjectContextColumns>(
    Prisma.sql`SELECT ${subjectContextColumns(subjectId ?? '')}`,
  );
  return toSubjectContext(subjectId, rows[0]!);
}
