import { Prisma } from '@ppda/db';
import type { TEngineDeps } from './deps.ts';

/** The actions the ops log records; each is safe to repeat. */
export type TOpsAction = 'engine.reconcile' | 'notification.retry' | 'chain.checkpoint';

export interface TOpsLogEntry {
  id: string;
  personId: string;
  action: TOpsAction;
  target: string | null;
  outcome: string;
  detail: unknown;
  at: string;
}

/** Append one line to the ops log: who did what to what, and what came of it. */
export async function logOpsAction(
  deps: TEngineDeps,
  entry: {
    personId: string;
    action: TOpsAction;
    target?: string;
    outcome: string;
    detail?: object;
  },
): Promise<void> {
  await deps.sql.query(Prisma.sql`INSERT INTO "OpsLogEntry"
      ("personId", action, target, outcome, detail, at)
    VALUES (${entry.personId}, ${entry.action}, ${entry.target ?? null}, ${entry.outcome},
      ${JSON.stringify(entry.detail ?? {})}::jsonb, ${deps.clock.now()})`);
}

/** The ops log, newest first, a keyset page at a time. */
export async function listOpsLog(
  deps: TEngineDeps,
  query: { limit: number; cursor?: string | undefined },
): Promise<{ entries: TOpsLogEntry[]; nextCursor: string | null }> {
  const before = query.cursor ? BigInt(query.cursor) : null;
  const rows = await deps.sql.query<{
    id: bigint;
    personId: string;
    action: TOpsAction;
    target: string | null;
    outcome: string;
    detail: unknown;
    at: Date;
  }>(Prisma.sql`SELECT id, "personId", action, target, outcome, detail, at FROM "OpsLogEntry"
    WHERE ${before === null ? Prisma.sql`TRUE` : Prisma.sql`id < ${before}`}
    ORDER BY id DESC LIMIT ${query.limit + 1}`);
  const page = rows.slice(0, query.limit);
  return {
    entries: page.map((row) => ({
      ...row,
      id: String(row.id),
      at: new Date(row.at).toISOString(),
    })),
    nextCursor: rows.length > query.limit ? String(page.at(-1)?.id) : null,
  };
}
