import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TEnv } from '@ppda/config';
import { type Database, openDatabase } from '@ppda/db';
import { runningEngine } from '../engine-lock.ts';

/** A CLI's refusal: one line for the user, exit 1. */
export class CliRefusal extends Error {
  override readonly name = 'CliRefusal';
}

/**
 * The database the engine would use with this config: DATABASE_URL, or the embedded PGlite
 * under DATA_DIR (which only one process can hold: stop `npm start` first). With
 * `existing`, a CLI that only reads refuses rather than create an empty database (a wrong
 * DATA_DIR or DATABASE_URL would otherwise verify "0 cases" and exit 0), and refuses a
 * PGlite that a running engine holds.
 */
export async function openConfiguredDatabase(
  config: TEnv,
  { existing = false }: { existing?: boolean } = {},
): Promise<Database> {
  const pgliteDir = join(resolve(config.DATA_DIR), 'pglite');
  if (existing && !config.DATABASE_URL) {
    if (!existsSync(pgliteDir)) {
      throw new CliRefusal(
        `no engine database at DATA_DIR=${config.DATA_DIR} (${pgliteDir}): set DATA_DIR to the engine's, or DATABASE_URL`,
      );
    }
    const running = await runningEngine(config.DATA_DIR);
    if (running) {
      throw new CliRefusal(
        `the embedded engine (pid ${running.pid}, ${running.address}) holds DATA_DIR=${config.DATA_DIR}: stop it first, or use GET ${running.address}/cases/<caseId>/verify`,
      );
    }
  }
  const db = await openDatabase(config.DATABASE_URL ? { url: config.DATABASE_URL } : { pgliteDir });
  if (!existing) {
    await db.migrate();
    return db;
  }
  const [migrated] = await db.prisma.$queryRaw<{ present: boolean }[]>`
    SELECT to_regclass('"CaseEvent"') IS NOT NULL AS present`;
  if (!migrated?.present) {
    await db.close();
    throw new CliRefusal(
      `the database at ${config.DATABASE_URL ? 'DATABASE_URL' : `DATA_DIR=${config.DATA_DIR}`} holds no engine tables: point it at the engine's database`,
    );
  }
  return db;
}

/** `pnpm x -- args` passes the `--` through. */
export const cliArgs = () => process.argv.slice(2).filter((arg) => arg !== '--');

/** Run a CLI body: a refusal (or a bad config) is one line on stderr and exit 1. */
export async function runCli(main: () => Promise<number>): Promise<never> {
  try {
    process.exit(await main());
  } catch (error) {
    const known = error instanceof CliRefusal || (error as Error).name === 'ConfigError';
    console.error(
      known ? (error as Error).message : `failed: ${String((error as Error).message ?? error)}`,
    );
    process.exit(1);
  }
}
