import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { loadConfig } from '@ppda/config';
import { AppError } from '@ppda/domain';
import { importDirectory, parseDirectoryFile } from '@ppda/engine';
import { cliArgs, openConfiguredDatabase } from './open-configured-database.ts';

/**
 * `pnpm directory <file.csv|file.json>`: import people or declared associations, all or
 * nothing. Every bad row is listed with its row number, field and rule; exit 1, nothing written.
 */
const [file] = cliArgs();
if (!file || !['.csv', '.json'].includes(extname(file).toLowerCase())) {
  console.error('usage: pnpm directory <people.csv | associations.csv | directory.json>');
  process.exit(2);
}
const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
const format = extname(file).toLowerCase() === '.csv' ? 'csv' : 'json';
const db = await openConfiguredDatabase(loadConfig());
try {
  const result = await importDirectory(
    db.prisma,
    parseDirectoryFile(await readFile(path, 'utf8'), format),
  );
  console.log(
    `imported ${result.people} people and ${result.associations} associations from ${path}`,
  );
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  console.error(`refused, nothing written: ${path}`);
  for (const issue of error.details.issues ?? []) {
    console.error(`  row ${issue.row ?? '-'}  ${issue.field}: ${issue.message} (${issue.rule})`);
  }
  process.exitCode = 1;
} finally {
  await db.close();
}
