import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';
import { DbError } from './errors.ts';

/** This package's committed migrations, in Prisma's layout (`<timestamp>_<name>/migration.sql`). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../prisma/migrations/', import.meta.url));

/**
 * Prisma Migrate's own advisory-lock key: using it makes this migrator and
 * `prisma migrate deploy` wait for each other as well as for themselves.
 */
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

/** Prisma's history table, column for column, so `prisma migrate deploy/status` can read it. */
const CREATE_HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

/** One SQL session. */
export interface SqlSession {
  /** SQL without parameters; may hold several statements (simple-query protocol). */
  exec(sql: string): Promise<void>;
  /** One statement with `$1…` parameters. */
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
}

/**
 * What the migrator needs: one session (advisory locks belong to a session) that can run a
 * callback inside BEGIN … COMMIT, rolling back when it throws.
 */
export interface MigrationConnection extends SqlSession {
  transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T>;
}

export interface Migration {
  /** Folder name, e.g. `20261126225112_init`; the order of application. */
  name: string;
  sql: string;
  /** sha256 hex of migration.sql, as Prisma records it. */
  checksum: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Like Prisma: a checkout with other line endings still matches. */
function matchesChecksum(sql: string, checksum: string): boolean {
  const lf = sql.replace(/\r\n/g, '\n');
  return [sql, lf, lf.replace(/\n/g, '\r\n')].some((variant) => sha256(variant) === checksum);
}

export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  let entries: string[];
  try {
    entries = (await readdir(dir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    throw new DbError('migrations-missing', `cannot read migrations folder ${dir}`, {
      cause: error,
    });
  }
  return Promise.all(
    entries.map(async (name) => {
      const file = join(dir, name, 'migration.sql');
      const sql = await readFile(file, 'utf8').catch((error: unknown) => {
        throw new DbError('migrations-missing', `cannot read ${file}`, { cause: error });
      });
      return { name, sql, checksum: sha256(sql) };
    }),
  );
}

export interface MigrateOptions {
  /** A folder in Prisma's layout; defaults to this package's committed migrations. */
  migrationsDir?: string;
}

interface HistoryRow {
  checksum: string;
  finished_at: Date | string | null;
}

/**
 * Apply every pending migration in name order, each in its own transaction together with its
 * `_prisma_migrations` row, under Prisma's advisory lock. Returns the names applied now.
 * Migration files must not contain their own BEGIN/COMMIT (Prisma's never do).
 */
export async function migrate(
  conn: MigrationConnection,
  options: MigrateOptions = {},
): Promise<string[]> {
  const migrations = await readMigrations(options.migrationsDir);
  await conn.query(`SELECT pg_advisory_lock(${PRISMA_MIGRATE_LOCK_KEY})`);
  try {
    await conn.exec(CREATE_HISTORY_TABLE);
    const applied: string[] = [];
    for (const migration of migrations) {
      if (await conn.transaction((tx) => applyOne(tx, migration))) applied.push(migration.name);
    }
    return applied;
  } finally {
    // Closing the session also releases the lock, so a failure here must not hide the real one.
    await conn
      .query(`SELECT pg_advisory_unlock(${PRISMA_MIGRATE_LOCK_KEY})`)
      .catch(() => undefined);
  }
}

/** Apply one migration unless it is already recorded; true when applied now. */
async function applyOne(tx: SqlSession, migration: Migration): Promise<boolean> {
  // Checked inside the transaction: PGlite's "lock" is re-entrant within its single session,
  // so two migrate() calls on one PGlite rely on its transactions being serial instead.
  const recorded = await tx.query<HistoryRow>(
    `SELECT checksum, finished_at FROM "_prisma_migrations"
      WHERE migration_name = $1 AND rolled_back_at IS NULL`,
    [migration.name],
  );
  for (const row of recorded) {
    if (row.finished_at === null) {
      throw new DbError(
        'migration-incomplete',
        `migration ${migration.name} was started but never finished; resolve it by hand (prisma migrate resolve)`,
      );
    }
    if (!matchesChecksum(migration.sql, row.checksum)) {
      throw new DbError(
        'migration-modified',
        `migration ${migration.name} was changed after it was applied; add a new migration instead`,
      );
    }
  }
  if (recorded.length > 0) return false;

  try {
    await tx.exec(migration.sql);
  } catch (error) {
    throw new DbError(
      'migration-failed',
      `migration ${migration.name} failed and was rolled back: ${String(error)}`,
      { cause: error },
    );
  }
  // now() is the transaction's start, clock_timestamp() the moment the script finished.
  await tx.query(
    `INSERT INTO "_prisma_migrations"
       (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
     VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
    [randomUUID(), migration.checksum, migration.name],
  );
  return true;
}

/** A node-postgres client as a migration connection. Give it a dedicated client, not a pool. */
export function pgMigrationConnection(client: pg.ClientBase): MigrationConnection {
  const session: SqlSession = {
    // No parameters → pg uses the simple-query protocol, which accepts many statements.
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <Row>(sql: string, params?: unknown[]) =>
      (await client.query(sql, params)).rows as Row[],
  };
  return {
    ...session,
    transaction: async (fn) => {
      await client.query('BEGIN');
      try {
        const result = await fn(session);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
  };
}

/**
 * A PGlite instance as a migration connection. Its `transaction()` holds PGlite's mutex, so
 * nothing else sharing the instance (e.g. the Prisma client) can slip into a migration.
 */
export function pgliteMigrationConnection(db: PGlite): MigrationConnection {
  const wrap = (target: PGlite | Transaction): SqlSession => ({
    exec: async (sql) => {
      await target.exec(sql);
    },
    query: async <Row>(sql: string, params?: unknown[]) =>
      (await target.query<Row>(sql, params)).rows,
  });
  return { ...wrap(db), transaction: (fn) => db.transaction((tx) => fn(wrap(tx))) };
}
