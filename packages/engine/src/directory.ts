import type { PrismaClient } from '@ppda/db';
import {
  AppError,
  type TAssociation,
  type TIssue,
  type TPerson,
  ZAssociation,
  ZPerson,
} from '@ppda/domain';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';

export interface TDirectoryImport {
  people?: unknown[];
  associations?: unknown[];
}

export interface TDirectoryImportResult {
  people: number;
  associations: number;
}

interface TRow<T> {
  row: number;
  value: T;
}

const PEOPLE_COLUMNS = [
  'id',
  'displayName',
  'email',
  'roles',
  'rank',
  'force',
  'department',
  'team',
  'lineManagerId',
] as const;
const ASSOCIATION_COLUMNS = ['personId', 'associateId', 'reason'] as const;

/**
 * Read a directory file: JSON (an array of people, or `{ people, associations }`) or CSV
 * with a header row (people: `id,displayName,email,roles,rank,force,department,team,
 * lineManagerId`, roles separated by `;`; associations: `personId,associateId,reason`).
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
 * Import people and declared associations, all or nothing: every row is checked (its
 * schema, unique ids, known line managers, no line-chain loops, known associates) and
 * nothing is written while any row is wrong. Existing people are updated in place.
 */
export async function importDirectory(
  prisma: PrismaClient,
  input: TDirectoryImport,
): Promise<TDirectoryImportResult> {
  const issues: TIssue[] = [];
  const people = validateRows(input.people ?? [], ZPerson, issues) as TRow<
    z.output<typeof ZPerson>
  >[];
  const associations = validateRows(input.associations ?? [], ZAssociation, issues);

  const existing = await prisma.person.findMany({ select: { id: true, lineManagerId: true } });
  const managerOf = new Map(existing.map((person) => [person.id, person.lineManagerId]));
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
  if (issues.length > 0) throw invalid(issues);

  await prisma.$transaction(async (tx) => {
    for (const { value: person } of people) {
      const data = {
        displayName: person.displayName,
        email: person.email,
        roles: person.roles,
        rank: person.rank,
        force: person.force,
        department: person.department ?? null,
        team: person.team ?? null,
        lineManagerId: person.lineManagerId ?? null,
      };
      await tx.person.upsert({
        where: { id: person.id },
        create: { id: person.id, ...data },
        update: data,
      });
    }
    for (const { value } of associations as TRow<TAssociation>[]) {
      await tx.association.upsert({
        where: {
          personId_associateId: { personId: value.personId, associateId: value.associateId },
        },
        create: value,
        update: { reason: value.reason },
      });
    }
  });
  return { people: people.length, associations: associations.length };
}

function hasLoop(start: string, managerOf: Map<string, string | null>): boolean {
  const visited = new Set<string>([start]);
  for (let id = managerOf.get(start); id; id = managerOf.get(id)) {
    if (visited.has(id)) return true;
    visited.add(id);
  }
  return false;
}

/** Load (or refresh) directory entries; kept for callers that have a list of people. */
export async function upsertPeople(prisma: PrismaClient, people: TPerson[]): Promise<number> {
  return (await importDirectory(prisma, { people })).people;
}
