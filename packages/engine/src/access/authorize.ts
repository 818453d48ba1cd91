import {
  CASE_ACTIONS,
  canDo,
  decideCaseAccess,
  GLOBAL_ACTIONS,
  restrictionAgainst,
  type TAccessDecision,
  type TCaseAction,
  type TCaseParties,
  type TGlobalAction,
} from '@ppda/access';
import { Prisma } from '@ppda/db';
import { AppError } from '@ppda/domain';
import { decodeCursor, encodeCursor, type TKeysetCursor } from '../read/keyset-cursor.ts';
import type { TEngineDeps } from '../runtime/deps.ts';
import {
  subjectContextColumns,
  type TSubjectContextColumns,
  toSubjectContext,
} from './case-parties.ts';
import { alertOnRefusalBurst } from './refusal-burst.ts';

/** An authenticated person: their directory id and roles. */
export interface TPrincipal {
  id: string;
  roles: readonly string[];
}

/**
 * Who a token's person is, by the directory (the truth for roles), on every request; undefined
 * if nobody, or a leaver: their access ends the moment the feed marks them.
 */
export async function loadPrincipal(
  deps: TEngineDeps,
  personId: string,
): Promise<TPrincipal | undefined> {
  const rows = await deps.sql.query<TPrincipal>(
    Prisma.sql`SELECT id, roles FROM "Person" WHERE id = ${personId} AND "leftAt" IS NULL`,
  );
  return rows[0];
}

/** Where an access came from, for the access log. */
export interface TAccessRequest {
  route: string;
  method: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Case ids are UUIDs; anything else names no case (and must not reach a `::uuid` cast). */
export const isCaseId = (id: string) => UUID.test(id);

/**
 * A column for a query over `"Case" c`: the roles `personId` is actively assigned on the
 * case, which need-to-know decides on.
 */
export function activeAssignmentsColumn(personId: string) {
  return Prisma.sql`COALESCE((SELECT array_agg(a.role) FROM "CaseAssignment" a
    WHERE a."caseId" = c.id AND a."personId" = ${personId} AND a."endedAt" IS NULL), '{}')`;
}

/**
 * A column for a query over `"Case" c`: whether the case's vetting route has been opened (the
 * machine's `vetting` context, set when the severity assessment refers the matter and kept once
 * the route ends). Read from the stored snapshot, so a list decides it with no query per case.
 */
export const vettingRouteOpenColumn = Prisma.sql`COALESCE(
  jsonb_typeof(c.snapshot #> '{context,vetting}') = 'object', false)`;

/** The same, from a restored case's context (`vetting` is null until the route opens). */
export const vettingRouteOpenIn = (context: { vetting: unknown }) => context.vetting != null;

/** The one answer for a case that does not exist or that this person may not know exists. */
export function caseNotFound(caseId: string): AppError {
  return new AppError('not-found', `no case ${caseId}`);
}

/**
 * Whether a case, read with its subject context columns, is kept from `reader` (its subject,
 * their line chain or associates): lists leave such cases out.
 */
export function keptFrom(
  reader: TPrincipal,
  row: { subjectId: string | null } & TSubjectContextColumns,
): boolean {
  return restrictionAgainst(reader.id, toSubjectContext(row.subjectId, row).parties) !== null;
}

/**
 * Whether `reader` may read a case listed with its subject context columns and the reader's
 * active assignments on it: `gate.access` exactly as opening the case would decide.
 */
export function mayReadListed(
  reader: TPrincipal,
  row: {
    subjectId: string | null;
    assignments: readonly string[];
    vettingRouteOpen: boolean;
  } & TSubjectContextColumns,
): boolean {
  return decideCaseAccess({
    person: reader,
    action: 'case.read',
    parties: toSubjectContext(row.subjectId, row).parties,
    assignments: row.assignments,
    vettingRouteOpen: row.vettingRouteOpen,
  }).allowed;
}

/** Decide, without logging, whether `principal` may take `action` on a case (one query). */
async function decideOnCase(
  deps: TEngineDeps,
  principal: TPrincipal,
  caseId: string,
  action: TCaseAction,
): Promise<TAccessDecision> {
  const rows = isCaseId(caseId)
    ? await deps.sql.query<
        {
          subjectId: string | null;
          assignments: string[];
          vettingRouteOpen: boolean;
        } & TSubjectContextColumns
      >(Prisma.sql`SELECT c."subjectId", ${subjectContextColumns(Prisma.sql`c."subjectId"`)},
          ${activeAssignmentsColumn(principal.id)} AS assignments,
          ${vettingRouteOpenColumn} AS "vettingRouteOpen"
        FROM "Case" c WHERE c.id = ${caseId}::uuid`)
    : [];
  const row = rows[0];
  if (!row) {
    return decideCaseAccess({
      person: principal,
      action,
      parties: undefined,
      assignments: [],
      vettingRouteOpen: false,
    });
  }
  const { parties } = toSubjectContext(row.subjectId, row);
  return decideCaseAccess({
    person: principal,
    action,
    parties,
    assignments: row.assignments,
    vettingRouteOpen: row.vettingRouteOpen,
  });
}

/**
 * `gate.access` for one request on one case: decide, log the attempt (allowed or not) before
 * anything is served, and throw the refusal. A hidden case answers exactly like a missing one.
 */
export async function authorizeCase(
  deps: TEngineDeps,
  principal: TPrincipal,
  caseId: string,
  action: TCaseAction,
  request: TAccessRequest,
): Promise<void> {
  const decision = await decideOnCase(deps, principal, caseId, action);
  await logAccess(deps, { personId: principal.id, caseId, ...request, decision });
  if (!decision.allowed) throw accessRefusal(decision, caseId, action);
}

/** What a refused access answers: a hidden case exactly like a missing one. */
function accessRefusal(
  decision: Extract<TAccessDecision, { allowed: false }>,
  caseId: string,
  action: TCaseAction,
): AppError {
  if (decision.status === 'not-found') return caseNotFound(caseId);
  return new AppError('forbidden', `your role may not ${CASE_ACTIONS[action].about}`);
}

/**
 * One command's access attempt on a case (`gate.access`), built once before the command's
 * retries: who, doing what, on which case, from which request. The command decides it on its
 * first load (`decideAttempt`) and carries the access-log row in its own write, so an allowed
 * attempt costs no commit of its own; when the command fails before writing, it logs the
 * attempt alone (`logUnwrittenAttempt`). Exactly one log entry either way.
 */
export interface TCaseAccessAttempt {
  principal: TPrincipal;
  action: TCaseAction;
  caseId: string;
  request: TAccessRequest;
}

/** Decide an attempt on the case as loaded: the access-log entry it makes, allowed or not. */
export function decideAttempt(
  attempt: TCaseAccessAttempt,
  parties: TCaseParties | undefined,
  assignments: readonly string[],
  vettingRouteOpen: boolean,
): TAccessAttempt {
  const { principal, action, caseId, request } = attempt;
  return {
    personId: principal.id,
    caseId,
    ...request,
    decision: decideCaseAccess({
      person: principal,
      action,
      parties,
      assignments,
      vettingRouteOpen,
    }),
  };
}

/** Throw the refusal of a decided attempt (a hidden case exactly like a missing one). */
export function throwIfRefused(attempt: TCaseAccessAttempt, entry: TAccessAttempt): void {
  if (!entry.decision.allowed) throw accessRefusal(entry.decision, attempt.caseId, attempt.action);
}

/**
 * The command failed before its write logged the attempt: log it alone. A case that does not
 * exist is logged as such; other failures before access was decided (the database down) have
 * nothing true to log.
 */
export async function logUnwrittenAttempt(
  deps: TEngineDeps,
  attempt: TCaseAccessAttempt,
  decided: TAccessAttempt | undefined,
  error: unknown,
): Promise<void> {
  const notFound = error instanceof AppError && error.code === 'not-found';
  const entry = decided ?? (notFound ? decideAttempt(attempt, undefined, [], false) : undefined);
  if (entry) await logAccess(deps, entry);
}

/** A force-wide action (not about one case): refused attempts are always logged. */
export async function authorizeAction(
  deps: TEngineDeps,
  principal: TPrincipal,
  action: TGlobalAction,
  request: TAccessRequest,
  { logAllowed = true } = {},
): Promise<void> {
  const allowed = canDo(principal.roles, action);
  const decision: TAccessDecision = allowed
    ? { allowed: true, reason: 'role-permitted' }
    : { allowed: false, status: 'forbidden', reason: 'role-not-permitted' };
  if (!allowed || logAllowed) {
    await logAccess(deps, { personId: principal.id, caseId: null, ...request, decision });
  }
  if (!allowed)
    throw new AppError('forbidden', `your role may not ${GLOBAL_ACTIONS[action].about}`);
}

/** One access attempt, allowed or not, as the access log keeps it. */
export type TAccessAttempt = TAccessRequest & {
  personId: string;
  caseId: string | null;
  decision: TAccessDecision;
};

async function logAccess(deps: TEngineDeps, entry: TAccessAttempt): Promise<void> {
  const row = accessLogRow(entry, deps.clock.now());
  await deps.sql.query(Prisma.sql`INSERT INTO "AccessLogEntry"
      ("personId", "caseId", route, method, allowed, reason, at)
    VALUES (${row.personId}, ${row.caseId}::uuid, ${row.route}, ${row.method}, ${row.allowed},
      ${row.reason}, ${row.at})`);
  if (!row.allowed) await alertOnRefusalBurst(deps, row.personId);
}

/** The access-log row of an attempt: written alone, or with the case write it allowed. */
export function accessLogRow(entry: TAccessAttempt, at: Date) {
  return {
    personId: entry.personId,
    caseId: entry.caseId,
    route: entry.route,
    method: entry.method,
    allowed: entry.decision.allowed,
    reason: entry.decision.reason,
    at,
  };
}

export interface TAccessLogFilter {
  caseId?: string | undefined;
  personId?: string | undefined;
  allowed?: boolean | undefined;
  limit?: number | undefined;
  /** `nextCursor` of the page before. */
  cursor?: string | undefined;
}

const isEntryId = (id: string) => /^[0-9]{1,19}$/.test(id);

/** One access-log row as stored. */
interface TLogRow {
  id: bigint;
  personId: string;
  caseId: string | null;
  route: string;
  method: string;
  allowed: boolean;
  reason: string;
  at: Date;
}

/**
 * The access log, newest first, a keyset page at a time, for the AA and oversight. An entry
 * about a case is listed only when the reader may read that case (`gate.access` as opening it
 * would decide): the log must not reveal a case to its subject's line chain, nor the chief
 * constable's case to a DCC who does not act for it. Pages are filled past the entries left
 * out, so a short page never hints at a hidden case.
 */
export async function listAccessLog(
  deps: TEngineDeps,
  reader: TPrincipal,
  filter: TAccessLogFilter,
) {
  const limit = filter.limit ?? 100;
  let after = filter.cursor === undefined ? undefined : decodeCursor(filter.cursor, isEntryId);
  const entries: (Omit<TLogRow, 'id' | 'at'> & { id: string; at: string })[] = [];
  let last: TKeysetCursor | undefined;
  const readable = new Map<string, boolean>();
  for (;;) {
    const batch = limit + 1 - entries.length;
    const rows =
      await deps.sql.query<TLogRow>(Prisma.sql`SELECT id, "personId", "caseId", route, method, allowed, reason, at
      FROM "AccessLogEntry"
      WHERE (${filter.caseId ?? null}::uuid IS NULL OR "caseId" = ${filter.caseId ?? null}::uuid)
        AND (${filter.personId ?? null}::text IS NULL OR "personId" = ${filter.personId ?? null})
        AND (${filter.allowed ?? null}::boolean IS NULL OR allowed = ${filter.allowed ?? null})
        AND (${after?.at ?? null}::timestamp IS NULL
          OR (at, id) < (${after?.at ?? null}::timestamp, ${after?.id ?? null}::bigint))
      ORDER BY at DESC, id DESC
      LIMIT ${batch}`);
    // Whether the reader may read each case listed, decided once per case in one query.
    const unknown = [...new Set(rows.flatMap((row) => row.caseId ?? []))].filter(
      (id) => !readable.has(id),
    );
    if (unknown.length > 0) {
      const cases = await deps.sql.query<
        {
          id: string;
          subjectId: string | null;
          assignments: string[];
          vettingRouteOpen: boolean;
        } & TSubjectContextColumns
      >(Prisma.sql`SELECT c.id, c."subjectId", ${activeAssignmentsColumn(reader.id)} AS assignments,
          ${vettingRouteOpenColumn} AS "vettingRouteOpen",
          ${subjectContextColumns(Prisma.sql`c."subjectId"`)}
        FROM "Case" c WHERE c.id = ANY(${unknown}::uuid[])`);
      // An entry naming no case (a probe for one) hides nothing.
      for (const id of unknown) readable.set(id, true);
      for (const row of cases) readable.set(row.id, mayReadListed(reader, row));
    }
    for (const row of rows) {
      if (row.caseId && !readable.get(row.caseId)) continue;
      if (entries.length === limit) {
        return { entries, nextCursor: last ? encodeCursor(last) : null };
      }
      entries.push({
        id: String(row.id),
        personId: row.personId,
        caseId: row.caseId,
        route: row.route,
        method: row.method,
        allowed: row.allowed,
        reason: row.reason,
        at: row.at.toISOString(),
      });
      last = { at: row.at.toISOString(), id: String(row.id) };
    }
    if (rows.length < batch) return { entries, nextCursor: null };
    const end = rows.at(-1)!;
    after = { at: end.at.toISOString(), id: String(end.id) };
  }
}
