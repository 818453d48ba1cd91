import { Prisma, type TSql } from '@ppda/db';
import type { TEngineDeps } from '../runtime/deps.ts';
import { relayCommitted, type TOutboxRow } from './outbox-relay.ts';
import { VersionConflict } from './version-conflict.ts';

/** One row as the database takes it: JSON values, dates as ISO strings, keys = columns. */
type TRow = object;

/** The case row a write leaves: its state and the head of its event chain. */
export interface TCaseState {
  snapshot: unknown;
  stateValue: unknown;
  status: 'open' | 'closed';
  machineVersion: number;
  headSeq: number;
  headHash: string;
}

export interface TCaseWrite {
  caseId: string;
  /** The version read; the write lands only if the case is still at it. */
  expectedVersion: number;
  state: TCaseState;
  /** Columns of a case that does not exist yet (then `expectedVersion` is 0). */
  opening?: {
    reference: string;
    machineId: string;
    ownerId: string;
    supervisorId: string | null;
    subjectId: string;
    reportedAt: Date;
  };
  event: TRow;
  /** A new owner or supervisor for the case (ownership moved, a supervisor changed). */
  ownership?: { ownerId: string; supervisorId: string | null };
  /** The case's open tasks move from one person to another (its owner changed). */
  movedTasks?: { from: string; to: string };
  /** The case's open tasks of these rules go to `to` (an OIC or SPOC assigned: their duties). */
  reassignedTasks?: { ruleIds: string[]; to: string };
  assignments?: TRow[];
  endedAssignments?: { id: string; endedAt: Date; endedBy: string }[];
  newTimers?: TRow[];
  /** Timers as they are after the write: each listed once, every column below set. */
  changedTimers?: TRow[];
  newTasks?: TRow[];
  /** Open tasks of these timers: closed (`done`) or moved to a new due date. */
  changedTasks?: {
    timerId: string;
    status: 'open' | 'done';
    closedAt: Date | null;
    dueAt: Date | null;
  }[];
  notifications?: TRow[];
  /** Outbox rows, relayed after commit in this order. */
  outbox?: TOutboxRow[];
  /** The access attempt that allowed this write, logged with it. */
  accessLog?: TRow;
}

const EVENT_COLUMNS = [
  'caseId',
  'seq',
  'type',
  'actorId',
  'actorRole',
  'rationale',
  'ruleId',
  'payload',
  'occurredAt',
  'prevHash',
  'hash',
] as const;
const TIMER_COLUMNS = [
  'id',
  'caseId',
  'ruleId',
  'generation',
  'epoch',
  'status',
  'anchorAt',
  'dueAt',
  'ladder',
  'nextRung',
  'nextFireAt',
  'pausedAt',
  'calendarVersion',
  'projected',
  'updatedAt',
] as const;
/** What a change to a running timer may set. */
const TIMER_CHANGE_COLUMNS = [
  'status',
  'dueAt',
  'ladder',
  'nextRung',
  'nextFireAt',
  'pausedAt',
  'stoppedAt',
  'stoppedBy',
  'calendarVersion',
  'projected',
  'updatedAt',
] as const;
const TASK_COLUMNS = [
  'id',
  'caseId',
  'timerId',
  'ruleId',
  'assigneeId',
  'title',
  'dueAt',
  'status',
  'openedAt',
] as const;
const ASSIGNMENT_COLUMNS = ['caseId', 'personId', 'role', 'assignedAt', 'assignedBy'] as const;
const NOTIFICATION_COLUMNS = [
  'id',
  'caseId',
  'timerId',
  'rung',
  'kind',
  'recipientId',
  'recipientEmail',
  'subject',
  'body',
  'html',
  'ics',
  'sendAt',
  'status',
  'messageId',
] as const;
const OUTBOX_COLUMNS = ['kind', 'queue', 'jobName', 'jobId', 'payload', 'fireAt'] as const;
const ACCESS_LOG_COLUMNS = [
  'personId',
  'caseId',
  'route',
  'method',
  'allowed',
  'reason',
  'at',
] as const;

const quoted = (name: string) => Prisma.raw(`"${name}"`);
const list = (columns: readonly string[], prefix = '') =>
  Prisma.raw(columns.map((column) => `${prefix}"${column}"`).join(', '));
/** Rows as a typed record set: one JSON parameter, typed by the table's own row type. */
const recordset = (table: string, rows: readonly object[]) =>
  Prisma.sql`jsonb_populate_recordset(NULL::${quoted(table)}, ${JSON.stringify(rows)}::jsonb) r`;

/** Insert rows, but only once the case row has been written (`FROM c`). */
function insert(table: string, columns: readonly string[], rows: readonly object[]) {
  return Prisma.sql`INSERT INTO ${quoted(table)} (${list(columns)})
    SELECT ${list(columns, 'r.')} FROM c, ${recordset(table, rows)}`;
}

function caseStatement(write: TCaseWrite, now: Date) {
  const { state } = write;
  const snapshot = JSON.stringify(state.snapshot);
  const stateValue = JSON.stringify(state.stateValue);
  if (write.opening) {
    const open = write.opening;
    return Prisma.sql`INSERT INTO "Case" (id, reference, "machineId", "machineVersion", snapshot,
        "stateValue", status, version, "ownerId", "supervisorId", "subjectId", "reportedAt",
        "updatedAt", "headSeq", "headHash")
      VALUES (${write.caseId}::uuid, ${open.reference}, ${open.machineId}, ${state.machineVersion},
        ${snapshot}::jsonb, ${stateValue}::jsonb, ${state.status}, 1, ${open.ownerId},
        ${open.supervisorId}, ${open.subjectId}, ${open.reportedAt}, ${now}, ${state.headSeq},
        ${state.headHash})
      RETURNING id`;
  }
  const ownership = write.ownership
    ? Prisma.sql`, "ownerId" = ${write.ownership.ownerId}, "supervisorId" = ${write.ownership.supervisorId}`
    : Prisma.empty;
  return Prisma.sql`UPDATE "Case" SET version = version + 1,
      "machineVersion" = ${state.machineVersion}, snapshot = ${snapshot}::jsonb,
      "stateValue" = ${stateValue}::jsonb, status = ${state.status}, "headSeq" = ${state.headSeq},
      "headHash" = ${state.headHash}, "updatedAt" = ${now}${ownership}
    WHERE id = ${write.caseId}::uuid AND version = ${write.expectedVersion}
    RETURNING id`;
}

/**
 * Everything one case event changes, as one SQL statement: the case row (checked against the
 * version read), its event, assignments, timers, tasks, notifications, outbox rows and the
 * access-log row of the attempt that made it. A single statement is its own transaction, so
 * all of it lands or none; every part reads `FROM c`, so when another writer moved the
 * version on, nothing is written and the caller re-reads (`VersionConflict`). One round
 * trip, where a transaction of separate statements took a dozen.
 */
export async function writeCase(
  sql: TSql,
  write: TCaseWrite,
): Promise<{ version: number; outboxIds: bigint[] }> {
  // Wall time, like Prisma's @updatedAt: when the row was written, not the case's clock.
  const now = new Date();
  const parts: Prisma.Sql[] = [
    Prisma.sql`c AS (${caseStatement(write, now)})`,
    Prisma.sql`e AS (${insert('CaseEvent', EVENT_COLUMNS, [write.event])})`,
  ];
  const add = (name: string, statement: Prisma.Sql) =>
    parts.push(Prisma.sql`${Prisma.raw(name)} AS (${statement})`);
  if (write.assignments?.length) {
    // An active identical assignment is kept, not duplicated.
    add(
      'a',
      Prisma.sql`${insert('CaseAssignment', ASSIGNMENT_COLUMNS, write.assignments)}
        WHERE NOT EXISTS (SELECT 1 FROM "CaseAssignment" x WHERE x."caseId" = r."caseId"
          AND x."personId" = r."personId" AND x.role = r.role AND x."endedAt" IS NULL)`,
    );
  }
  if (write.endedAssignments?.length) {
    add(
      'ae',
      Prisma.sql`UPDATE "CaseAssignment" x SET "endedAt" = r."endedAt", "endedBy" = r."endedBy"
        FROM c, ${recordset('CaseAssignment', write.endedAssignments)}
        WHERE x.id = r.id AND x."endedAt" IS NULL`,
    );
  }
  const stamped = (timers: TRow[]) => timers.map((timer) => ({ ...timer, updatedAt: now }));
  if (write.newTimers?.length) add('t', insert('Timer', TIMER_COLUMNS, stamped(write.newTimers)));
  if (write.changedTimers?.length) {
    const set = Prisma.raw(
      TIMER_CHANGE_COLUMNS.map((column) => `"${column}" = r."${column}"`).join(', '),
    );
    add(
      'tc',
      Prisma.sql`UPDATE "Timer" x SET ${set} FROM c, ${recordset('Timer', stamped(write.changedTimers))}
        WHERE x.id = r.id`,
    );
  }
  if (write.newTasks?.length) add('k', insert('Task', TASK_COLUMNS, write.newTasks));
  if (write.changedTasks?.length) {
    add(
      'kc',
      Prisma.sql`UPDATE "Task" x SET status = r.status, "closedAt" = r."closedAt",
          "dueAt" = COALESCE(r."dueAt", x."dueAt")
        FROM c, ${recordset('Task', write.changedTasks)}
        WHERE x."timerId" = r."timerId" AND x.status = 'open'`,
    );
  }
  if (write.movedTasks) {
    add(
      'km',
      Prisma.sql`UPDATE "Task" x SET "assigneeId" = ${write.movedTasks.to} FROM c
        WHERE x."caseId" = c.id AND x.status = 'open' AND x."assigneeId" = ${write.movedTasks.from}`,
    );
  }
  if (write.reassignedTasks?.ruleIds.length) {
    add(
      'kr',
      Prisma.sql`UPDATE "Task" x SET "assigneeId" = ${write.reassignedTasks.to} FROM c
        WHERE x."caseId" = c.id AND x.status = 'open'
          AND x."ruleId" = ANY(${write.reassignedTasks.ruleIds}::text[])`,
    );
  }
  if (write.notifications?.length) {
    add('n', insert('Notification', NOTIFICATION_COLUMNS, write.notifications));
  }
  if (write.accessLog) {
    add('l', insert('AccessLogEntry', ACCESS_LOG_COLUMNS, [write.accessLog]));
  }
  const queued = write.outbox?.length ?? 0;
  if (queued > 0) {
    add('o', Prisma.sql`${insert('OutboxEntry', OUTBOX_COLUMNS, write.outbox ?? [])} RETURNING id`);
  }
  const outboxIds =
    queued > 0 ? Prisma.sql`(SELECT array_agg(id) FROM o)` : Prisma.sql`'{}'::bigint[]`;
  const rows = await sql.query<{ written: number; outboxIds: bigint[] | null }>(
    Prisma.sql`WITH ${Prisma.join(parts, ', ')}
      SELECT (SELECT count(*) FROM c)::int AS written, ${outboxIds} AS "outboxIds"`,
  );
  if (rows[0]?.written !== 1) throw new VersionConflict(write.caseId);
  return {
    version: write.opening ? 1 : write.expectedVersion + 1,
    outboxIds: rows[0].outboxIds ?? [],
  };
}

/** Write, then relay the write's jobs: every command that changes a case ends here. */
export async function commitCaseWrite(deps: TEngineDeps, write: TCaseWrite): Promise<number> {
  const { version, outboxIds } = await writeCase(deps.sql, write);
  await relayCommitted(deps, write.outbox ?? [], outboxIds);
  return version;
}
