import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbError } from './errors.ts';
import { MIGRATIONS_DIR, readMigrations } from './migrate.ts';
import type { Database } from './open-database.ts';
import { BACKEND_KINDS, startBackend, type TestBackend } from './test-support/backends.ts';

const INIT = '20261126225112_init';
/** Every committed migration, in the order they apply. */
const ALL = (await readMigrations()).map((migration) => migration.name);

interface HistoryRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  applied_steps_count: number;
}

const history = (db: Database) =>
  db.prisma.$queryRaw<HistoryRow[]>`
    SELECT migration_name, checksum, finished_at, applied_steps_count
      FROM "_prisma_migrations" ORDER BY started_at`;

const tableExists = async (db: Database, table: string) => {
  const rows = await db.prisma.$queryRaw<{ found: string | null }[]>`
    SELECT to_regclass(${`public."${table}"`})::text AS found`;
  return rows[0]?.found != null;
};

/** A copy of the committed migrations plus extra folders, in a temp dir. */
async function migrationsWith(extra: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ppda-db-migrations-'));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    await cp(join(MIGRATIONS_DIR, INIT), join(dir, name), { recursive: true });
    await writeFile(join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

describe('readMigrations', () => {
  it('lists the committed folders in order with sha256 checksums', async () => {
    const migrations = await readMigrations();
    const names = migrations.map((m) => m.name);
    expect(names[0]).toBe(INIT);
    expect(names).toEqual([...names].sort());
    const file = await readFile(join(MIGRATIONS_DIR, INIT, 'migration.sql'), 'utf8');
    expect(migrations[0]?.checksum).toBe(createHash('sha256').update(file).digest('hex'));
  });

  it('fails with a typed error when the folder is missing', async () => {
    await expect(readMigrations('/nonexistent/migrations')).rejects.toMatchObject({
      code: 'migrations-missing',
    });
  });
});

// PGlite takes seconds to start (initdb in WebAssembly), more on a busy machine.
describe.each(BACKEND_KINDS)('migrate on %s', { timeout: 60_000 }, (kind) => {
  let backend: TestBackend;
  const tempDirs: string[] = [];
  beforeAll(async () => {
    backend = await startBackend(kind);
  }, 60_000);
  afterAll(async () => {
    await backend?.stop();
    for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('applies each migration once and is idempotent on re-run', async () => {
    const db = await backend.open();
    expect(db.kind).toBe(kind);
    expect(await db.migrate()).toEqual(ALL);
    expect(await db.migrate()).toEqual([]);

    const [migration] = await readMigrations();
    const rows = await history(db);
    expect(rows).toHaveLength(ALL.length);
    expect(rows[0]).toMatchObject({
      migration_name: INIT,
      checksum: migration?.checksum,
      applied_steps_count: 1,
    });
    expect(rows[0]?.finished_at).toBeInstanceOf(Date);
    expect(await tableExists(db, 'OutboxEntry')).toBe(true);
  });

  it('applies once when two migrators start at the same time', async () => {
    const [a, b] = await backend.openPair();
    const results = await Promise.all([a.migrate(), b.migrate()]);
    expect(results.flat()).toEqual(ALL);
    expect(await history(a)).toHaveLength(ALL.length);
  });

  it('rolls back a failing migration and records nothing for it', async () => {
    const dir = await migrationsWith({
      '20991231000000_broken': 'CREATE TABLE "Half" (id INT);\nSELECT * FROM "does_not_exist";\n',
    });
    tempDirs.push(dir);
    const db = await backend.open();

    const failure = await db.migrate({ migrationsDir: dir }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DbError);
    expect(failure).toMatchObject({ code: 'migration-failed' });
    // The earlier migration committed on its own; the broken one left no trace.
    expect((await history(db)).map((row) => row.migration_name)).toEqual(ALL);
    expect(await tableExists(db, 'Case')).toBe(true);
    expect(await tableExists(db, 'Half')).toBe(false);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const db = await backend.open();
    await db.migrate();
    const dir = await migrationsWith({});
    tempDirs.push(dir);
    const file = join(dir, INIT, 'migration.sql');
    await writeFile(file, `${await readFile(file, 'utf8')}-- edited\n`);

    const failure = await db.migrate({ migrationsDir: dir }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'DbError', code: 'migration-modified' });
  });

  it('accepts an applied migration checked out with CRLF line endings', async () => {
    const db = await backend.open();
    await db.migrate();
    const dir = await migrationsWith({});
    tempDirs.push(dir);
    const file = join(dir, INIT, 'migration.sql');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/\n/g, '\r\n'));
    expect(await db.migrate({ migrationsDir: dir })).toEqual([]);
  });

  it('refuses to run over a migration left unfinished by another tool', async () => {
    const db = await backend.open();
    await db.migrate();
    await db.prisma.$executeRaw`UPDATE "_prisma_migrations" SET finished_at = NULL`;
    await expect(db.migrate()).rejects.toMatchObject({ code: 'migration-incomplete' });
  });
});
