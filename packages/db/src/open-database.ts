import { mkdir } from 'node:fs/promises';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { DbError } from './errors.ts';
import { Prisma, PrismaClient } from './generated/prisma/client.ts';
import {
  type MigrateOptions,
  migrate,
  pgliteMigrationConnection,
  pgMigrationConnection,
} from './migrate.ts';
import { preparedStatementNames } from './prepared-statements.ts';
import { pgliteSql, pgSql, type TSql } from './sql.ts';

export type DatabaseKind = 'postgres' | 'pglite';

/** The client handed to `prisma.$transaction(async (tx) => …)`. */
export type Tx = Prisma.TransactionClient;

export interface Database {
  prisma: PrismaClient;
  /** The same database for hand-written statements, without Prisma's client in between. */
  sql: TSql;
  kind: DatabaseKind;
  /** Apply pending migrations (default: this package's); returns the names applied by this call. */
  migrate(options?: MigrateOptions): Promise<string[]>;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** `postgres://` or `postgresql://`: a real PostgreSQL server (pg pool). */
  url?: string;
  /** Without a url: a PGlite data directory, or `memory://` for an in-memory database. */
  pgliteDir?: string;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//;
const PGLITE_TRANSACTION_MAX_WAIT_MS = 10_000;

/** Open (but do not migrate) the engine's database. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const { url, pgliteDir } = options;
  if (url !== undefined && url !== '') {
    if (!POSTGRES_URL.test(url)) {
      throw new DbError(
        'unsupported-url',
        'database url must start with postgres:// or postgresql://',
      );
    }
    return openPostgres(url);
  }
  if (pgliteDir !== undefined && pgliteDir !== '') return openPglite(pgliteDir);
  throw new DbError('no-database', 'give openDatabase a postgres url or a PGlite directory');
}

async function openPostgres(url: string): Promise<Database> {
  // One pool for Prisma and `sql`, ended by the adapter on $disconnect.
  const pool = new pg.Pool({ connectionString: url });
  // An idle connection the server dropped (a restart) leaves the pool; the next query opens
  // another. Without a listener the pool's 'error' event would end the process.
  pool.on('error', () => undefined);
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const prisma = new PrismaClient({ adapter });
  // Only `sql`'s statements are named: the engine's own texts, a few dozen. Prisma's vary
  // with their arguments (an `in` list per length) and would fill each connection.
  const sql = pgSql(pool, preparedStatementNames());
  return {
    prisma,
    sql,
    kind: 'postgres',
    async migrate(migrateOptions) {
      // A dedicated session: the advisory lock and each BEGIN … COMMIT must share one connection.
      const client = new pg.Client({ connectionString: url });
      // A dropped connection also rejects the pending query; without a listener it would crash.
      client.on('error', () => undefined);
      await client.connect();
      try {
        return await migrate(pgMigrationConnection(client), migrateOptions);
      } finally {
        await client.end();
      }
    },
    ping: () => ping(sql),
    close: () => prisma.$disconnect(),
  };
}

async function openPglite(dir: string): Promise<Database> {
  if (!dir.startsWith('memory://')) await mkdir(dir, { recursive: true });
  // Loaded only here: the services on PostgreSQL never load the embedded database.
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('pglite-prisma-adapter'),
  ]);
  const pglite = new PGlite(dir);
  await pglite.waitReady;
  const prisma = new PrismaClient({
    adapter: new PrismaPGlite(pglite),
    // One connection: transactions queue behind each other, so allow a longer wait to start
    // than Prisma's 2 s default before failing with P2028.
    transactionOptions: { maxWait: PGLITE_TRANSACTION_MAX_WAIT_MS },
  });
  const sql = pgliteSql(pglite);
  return {
    prisma,
    sql,
    kind: 'pglite',
    migrate: (migrateOptions) => migrate(pgliteMigrationConnection(pglite), migrateOptions),
    ping: () => ping(sql),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

async function ping(sql: TSql): Promise<boolean> {
  try {
    await sql.query(Prisma.sql`SELECT 1`);
    return true;
  } catch {
    return false;
  }
}
