import { join, resolve } from 'node:path';
import type { TEnv } from '@ppda/config';
import { type Database, openDatabase } from '@ppda/db';

/**
 * The database the engine would use with this config: DATABASE_URL, or the embedded PGlite
 * under DATA_DIR (which only one process can hold: stop `npm start` first).
 */
export async function openConfiguredDatabase(config: TEnv): Promise<Database> {
  const db = await openDatabase(
    config.DATABASE_URL
      ? { url: config.DATABASE_URL }
      : { pgliteDir: join(resolve(config.DATA_DIR), 'pglite') },
  );
  await db.migrate();
  return db;
}

/** `pnpm x -- args` passes the `--` through. */
export const cliArgs = () => process.argv.slice(2).filter((arg) => arg !== '--');
