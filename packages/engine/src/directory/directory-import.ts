import type { Person, Tx } from '@ppda/db';
import {
  AppError,
  type TAssociation,
  type TIssue,
  ZAssociation,
  ZPerson,
  ZPersonRole,
} from '@ppda/domain';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import {
  applyDirectoryChange,
  type TDirectoryChangeDraft,
  type TDirectoryDeps,
} from './directory-change.ts';

export interface TDirectoryImport {
  people?: unknown[];
  associations?: unknown[];
}

export interface TDirectoryImportResult {
  people: number;
  associations: number;
  /** Versioned change rows written (unchanged rows write none). */
  changes: number;
  /** Live cases whose barred people or actors moved, each recorded on the case. */
  casesRecorded: number;
}

interface TRow<T> {
  row: number;
  value: T;
}

/** The fields the HR feed owns, as the change log keeps them (dates as `YYYY-MM-DD`). */
const FEED_FIELDS = [
  'displayName',
  'email',
  'rank',
  'force',
  'department',
  'team',
  'lineManagerId',
  'leftAt',
] as const;
/** The CSV columns of people: the feed's fields, the id, and roles (checked, never changed). */
const PEOPLE_COLUMNS = ['id', 'roles', ...FEED_FIELDS] as const;
const ASSOCIATION_COLUMNS = ['personId', 'associateId', 'reason', 'withdrawnAt'] as const;

/**
 * Read a directory file: JSON (an array of people, or `{ people, associations }`) or CSV
 * with a header row (people: `id,displayName,email,roles,rank,force,department,team,
 * lineManagerId,leftAt`, roles separated by `;`; associations: `personId,associateId,reason,
 * withdrawnAt`). Any column but `id` may be left out.
 */
export function parseDirectoryFile(text: string, format: 'json' | 'csv'): TDirectoryImport {
  if (format === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw invalid([{ field: '(file)', rule: 'json', message: String(error) }]);
    }
    if (Array.isArray(data)) return { people: data };
    const parsed = z
      .strictObject({
        people: z.array(z.unknown()).optional(),
        associations: z.array(z.unknown()).optional(),
      })
      .safeParse(data);
    if (!parsed.success) {
      throw invalid([
        {
          field: '(file)',
          rule: 'shape',
          message: 'an array of people, or { people, associations }',
        },
      ]);
    }
    return parsed.data;
  }
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      bom: true,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw invalid([
      {
        field: '(file)',
        rule: 'csv',
        message: (error as Error).message,
        ...(line ? { row: line } : {}),
      },
    ]);
  }
  const header = Object.keys(records[0]?.record ?? {});
  const isAssociations = header.includes('associateId');
  const known: readonly string[] = isAssociations ? ASSOCIATION_COLUMNS : PEOPLE_COLUMNS;
  const unknownColumns = header.filter((column) => !known.includes(column));
  if (unknownColumns.length > 0) {
    throw invalid([
      {
        field: '(header)',
        rule: 'known-column',
        message: `unknown column(s) ${unknownColumns.join(', ')}; expected ${known.join(',')}`,
        row: 1,
      },
    ]);
  }
  // Empty cells are absent fields; the CSV line number is the row a person can find.
  const rows = records.map(({ record, info }) => {
    const value: Record<string, unknown> = { __row: info.lines };
    for (const [key, cell] of Object.entries(record)) {
      if (cell === '') continue;
      value[key] =
        key === 'roles'
          ? cell
              .split(/[;|]/)
              .map((role) => role.trim())
              .filter(Boolean)
          : cell;
    }
    return value;
  });
  return isAssociations ? { associations: rows } : { people: rows };
}

function invalid(issues: TIssue[]): AppError {
  const first = issues
    .slice(0, 5)
    .map(
      (issue) =>
        `${issue.row ? `row ${issue.row} ` : ''}${issue.field}: ${issue.message} (${issue.rule})`,
    )
    .join('; ');
  return new AppError(
    'validation',
    `directory import refused, nothing written: ${issues.length} problem(s): ${first}`,
    { issues },
  );
}

function validateRows<T>(rows: unknown[], schema: z.ZodType<T>, issues: TIssue[]): TRow<T>[] {
  const valid: TRow<T>[] = [];
  rows.forEach((raw, index) => {
    const isRecord = typeof raw === 'object' && raw !== null && !Array.isArray(raw);
    const { __row, ...data } = isRecord ? (raw as Record<string, unknown>) : {};
    const row = typeof __row === 'number' ? __row : index + 1;
    const parsed = schema.safeParse(isRecord ? data : raw);
    if (parsed.success) valid.push({ row, value: parsed.data });
    else {
      for (const issue of parsed.error.issues) {
        issues.push({
          row,
          field: issue.path.map(String).join('.') || '(row)',
          rule: issue.code,
          message: issue.message,
        });
      }
    }
  });
  return valid;
}

/**
 * A feed row: `roles` absent means "as they are" (an HR feed knows nothing of case roles);
 * given, it must match what the person holds, as only a grant changes roles.
 */
const ZFeedPerson = ZPerson.extend({ roles: z.array(ZPersonRole).optional() });
type TFeedPerson = z.output<typeof ZFeedPerson>;

export interface TImportOptions {
  /** Who sends the file: a person id, `cli:<user>` or `seed`. */
  actorId: string;
  /**
   * The very first directory: roles are taken from the file, and only while nobody in the
   * directory holds any role. Every other import is the HR feed, which never changes roles.
   */
  bootstrap?: boolean;
}

type TFeedFields = Record<(typeof FEED_FIELDS)[number], string | null>;

const dayOf = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);
const sameRoles = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

function storedFields(person: Person): TFeedFields {
  return {
    displayName: person.displayName,
    email: person.email,
    rank: person.rank,
    force: person.force,
    department: person.department,
    team: person.team,
    lineManagerId: person.lineManagerId,
    leftAt: dayOf(person.leftAt),
  };
}

function rowFields(row: TFeedPerson): TFeedFields {
  return {
    displayName: row.displayName,
    email: row.email,
    rank: row.rank,
    force: row.force,
    department: row.department ?? null,
    team: row.team ?? null,
    lineManagerId: row.lineManagerId ?? null,
    leftAt: row.leftAt ?? null,
  };
}

/**
 * Import people and declared associations, all or nothing: every row is checked (its
 * schema, unique ids, known line managers, no line-chain loops, known associates, and that
 * it gives or takes no role) and nothing is written while any row is wrong. Existing people
 * are updated in place; a leaver (`leftAt`) is deactivated and loses their roles, never
 * deleted. Each change is a versioned row, and each live case whose barred people or actors
 * it moves records it (see `applyDirectoryChange`).
 */
export async function importDirectory(
  deps: TDirectoryDeps,
  input: TDirectoryImport,
  options: TImportOptions,
): Promise<TDirectoryImportResult> {
  const issues: TIssue[] = [];
  const people = validateRows(input.people ?? [], ZFeedPerson, issues);
  const associations = validateRows(input.associations ?? [], ZAssociation, issues);
  const bootstrap = options.bootstrap === true;
  const outcome = await applyDirectoryChange(
    deps,
    { actorId: options.actorId, source: bootstrap ? 'bootstrap' : 'hr-feed' },
    async (tx) => {
      const existing = new Map((await tx.person.findMany()).map((person) => [person.id, person]));
      if (bootstrap) {
        const holders = [...existing.values()].filter((person) => person.roles.length > 0);
        if (holders.length > 0) {
          throw invalid([
            {
              field: '(file)',
              rule: 'bootstrap-once',
              message: `the directory is already bootstrapped (${holders.length} people hold roles): import it as the HR feed, and grant roles with POST /directory/people/:id/roles`,
            },
          ]);
        }
      }
      checkRows(people, associations, existing, input, bootstrap, issues);
      if (issues.length > 0) throw invalid(issues);
      const changes = [
        ...(await writePeople(tx, people, existing, bootstrap)),
        ...(await writeAssociations(tx, associations)),
      ];
      return { result: undefined, changes };
    },
  );
  return {
    people: people.length,
    associations: associations.length,
    changes: outcome.changeIds.length,
    casesRecorded: outcome.casesRecorded.length,
  };
}

/** Every check that needs the directory as it is: ids, line managers, associates, roles. */
function checkRows(
  people: TRow<TFeedPerson>[],
  associations: TRow<TAssociation>[],
  existing: Map<string, Person>,
  input: TDirectoryImport,
  bootstrap: boolean,
  issues: TIssue[],
): void {
  const managerOf = new Map(
    [...existing.values()].map((person) => [person.id, person.lineManagerId]),
  );
  // A row refused for another field still names a person: do not report them unknown too.
  const namedInFile = new Set(
    (input.people ?? []).map((raw) => (raw as { id?: unknown } | null)?.id).filter(Boolean),
  );
  const seen = new Set<string>();
  for (const { row, value } of people) {
    if (seen.has(value.id)) {
      issues.push({ row, field: 'id', rule: 'unique', message: `${value.id} appears twice` });
    }
    seen.add(value.id);
    managerOf.set(value.id, value.lineManagerId ?? null);
  }
  for (const { row, value } of people) {
    const held = existing.get(value.id)?.roles ?? [];
    if (!bootstrap && value.roles !== undefined && !sameRoles(value.roles, held)) {
      const gained = value.roles.filter((role) => !held.includes(role));
      const lost = held.filter((role) => !(value.roles as string[] | undefined)?.includes(role));
      issues.push({
        row,
        field: 'roles',
        rule: 'role-grant',
        message: `roles are granted by the appropriate authority with a rationale (POST /directory/people/:id/roles), never by the HR feed: ${value.id} would ${[gained.length > 0 ? `gain ${gained.join(', ')}` : '', lost.length > 0 ? `lose ${lost.join(', ')}` : ''].filter(Boolean).join(' and ')}`,
      });
    }
    const manager = value.lineManagerId;
    if (!manager) continue;
    if (manager === value.id) {
      issues.push({
        row,
        field: 'lineManagerId',
        rule: 'not-self',
        message: 'cannot manage themselves',
      });
    } else if (!managerOf.has(manager) && !namedInFile.has(manager)) {
      issues.push({
        row,
        field: 'lineManagerId',
        rule: 'known-person',
        message: `no person ${manager}`,
      });
    } else if (hasLoop(value.id, managerOf)) {
      issues.push({
        row,
        field: 'lineManagerId',
        rule: 'no-cycle',
        message: `${value.id}'s line chain loops`,
      });
    }
  }
  for (const { row, value } of associations) {
    for (const field of ['personId', 'associateId'] as const) {
      if (!managerOf.has(value[field]) && !namedInFile.has(value[field])) {
        issues.push({ row, field, rule: 'known-person', message: `no person ${value[field]}` });
      }
    }
    if (value.personId === value.associateId) {
      issues.push({
        row,
        field: 'associateId',
        rule: 'not-self',
        message: 'cannot be their own associate',
      });
    }
  }
}

/** Write the people rows that change something; each change described for the log. */
async function writePeople(
  tx: Tx,
  people: TRow<TFeedPerson>[],
  existing: Map<string, Person>,
  bootstrap: boolean,
): Promise<TDirectoryChangeDraft[]> {
  const changes: TDirectoryChangeDraft[] = [];
  for (const { value } of people) {
    const stored = existing.get(value.id);
    const fields = rowFields(value);
    const heldRoles = stored?.roles ?? [];
    // A leaver holds no role: leaving ends every grant, and rejoining starts with none.
    let roles = bootstrap ? (value.roles ?? heldRoles) : heldRoles;
    if (fields.leftAt) roles = [];
    const data = {
      ...fields,
      displayName: value.displayName,
      email: value.email,
      leftAt: fields.leftAt ? new Date(`${fields.leftAt}T00:00:00Z`) : null,
      roles,
    };
    if (!stored) {
      await tx.person.create({ data: { id: value.id, ...data } });
      changes.push({
        kind: fields.leftAt ? 'person.left' : 'person.created',
        personId: value.id,
        before: null,
        after: { ...fields, roles },
      });
      continue;
    }
    const was = storedFields(stored);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const field of FEED_FIELDS) {
      if (was[field] !== fields[field]) {
        before[field] = was[field];
        after[field] = fields[field];
      }
    }
    if (!sameRoles(roles, heldRoles)) {
      before.roles = heldRoles;
      after.roles = roles;
    }
    if (Object.keys(after).length === 0) continue;
    await tx.person.update({ where: { id: value.id }, data });
    changes.push({
      kind: fields.leftAt && !was.leftAt ? 'person.left' : 'person.updated',
      personId: value.id,
      before,
      after,
    });
  }
  return changes;
}

/** Declare, re-word or withdraw associations; unchanged rows write nothing. */
async function writeAssociations(
  tx: Tx,
  associations: TRow<TAssociation>[],
): Promise<TDirectoryChangeDraft[]> {
  const changes: TDirectoryChangeDraft[] = [];
  for (const { value } of associations) {
    const key = { personId: value.personId, associateId: value.associateId };
    const stored = await tx.association.findUnique({ where: { personId_associateId: key } });
    const was = stored ? { associateId: stored.associateId, reason: stored.reason } : null;
    if (value.withdrawnAt) {
      if (!stored) continue;
      await tx.association.delete({ where: { personId_associateId: key } });
      changes.push({
        kind: 'association.removed',
        personId: value.personId,
        before: was,
        after: { associateId: value.associateId, withdrawnAt: value.withdrawnAt },
      });
    } else if (!stored || stored.reason !== value.reason) {
      await tx.association.upsert({
        where: { personId_associateId: key },
        create: { ...key, reason: value.reason },
        update: { reason: value.reason },
      });
      changes.push({
        kind: stored ? 'association.updated' : 'association.added',
        personId: value.personId,
        before: was,
        after: { associateId: value.associateId, reason: value.reason },
      });
    }
  }
  return changes;
}

function hasLoop(start: string, managerOf: Map<string, string | null>): boolean {
  const visited = new Set<string>([start]);
  for (let id = managerOf.get(start); id; id = managerOf.get(id)) {
    if (visited.has(id)) return true;
    visited.add(id);
  }
  return false;
}

/**
 * Seed a directory that has never been bootstrapped (the embedded demo, tests, the bench):
 * a bootstrap while nobody holds a role; otherwise nothing, as the directory is then kept by
 * the HR feed and role grants. Undefined when skipped.
 */
export async function seedDirectory(
  deps: TDirectoryDeps,
  input: TDirectoryImport,
  actorId = 'seed',
): Promise<TDirectoryImportResult | undefined> {
  const holders = await deps.prisma.person.count({ where: { NOT: { roles: { isEmpty: true } } } });
  if (holders > 0) return undefined;
  try {
    return await importDirectory(deps, input, { actorId, bootstrap: true });
  } catch (error) {
    // Another process bootstrapped it between the count and the lock: nothing left to do.
    const issues = error instanceof AppError ? (error.details.issues ?? []) : [];
    if (issues.length === 1 && issues[0]?.rule === 'bootstrap-once') return undefined;
    throw error;
  }
}
