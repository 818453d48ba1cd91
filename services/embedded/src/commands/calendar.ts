import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { loadConfig } from '@ppda/config';
import { AppError } from '@ppda/domain';
import { parseBankHolidayFile, storeBankHolidays, systemClock } from '@ppda/engine';
import pino from 'pino';
import { cliArgs, openConfiguredDatabase } from './open-configured-database.ts';

/**
 * `pnpm calendar import <bank-holidays.json>`: store a gov.uk-shaped bank-holidays file (the
 * whole feed or its england-and-wales division) as a new dataset version, when it changes a
 * date. Reads only the database: running clocks are re-planned by the engine's reconcile,
 * which picks up the new version at start and every RECONCILE_EVERY_MS (or at once through
 * `POST /calendar/bank-holidays`). Exit 0 stored or unchanged, 1 refused, 2 usage.
 */
const [command, file] = cliArgs();
if (command !== 'import' || !file) {
  console.error('usage: pnpm calendar import <bank-holidays.json>');
  process.exit(2);
}
const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
const config = loadConfig();
const db = await openConfiguredDatabase(config);
let refused = false;
try {
  const result = await storeBankHolidays(
    { sql: db.sql, clock: systemClock, logger: pino({ level: 'warn' }) },
    {
      division: parseBankHolidayFile(await readFile(path, 'utf8')),
      importedBy: `cli:${process.env.USER ?? 'unknown'}`,
      source: basename(path),
    },
  );
  console.log(
    result.changed
      ? `stored bank holiday dataset v${result.version} (published to ${result.publishedTo}). ` +
          `Added: ${result.added.join(', ') || 'none'}. Removed: ${result.removed.join(', ') || 'none'}.\n` +
          'Running clocks whose dates move are re-planned at the engine’s next reconcile ' +
          `(at start, and every ${config.RECONCILE_EVERY_MS} ms on the worker).`
      : `unchanged: dataset v${result.version} already holds these dates; nothing stored`,
  );
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  console.error(`refused, nothing stored: ${path}`);
  for (const issue of error.details.issues ?? []) {
    console.error(`  ${issue.field}: ${issue.message} (${issue.rule})`);
  }
  refused = true;
} finally {
  await db.close();
}
// Exit explicitly: closing PGlite leaves `process.exitCode` unreliable.
process.exit(refused ? 1 : 0);
