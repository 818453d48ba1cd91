import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { extname, resolve } from 'node:path';
import { loadConfig } from '@ppda/config';
import { AppError } from '@ppda/domain';
import { importDirectory, parseDirectoryFile } from '@ppda/engine';
import { cliArgs, openConfiguredDatabase } from './open-configured-database.ts';

/**
 * `pnpm directory [--bootstrap] <file.csv|file.json>`: the HR feed from a file (people,
 * structure, leavers; never roles), all or nothing. Every bad row is listed with its row
 * number, field and rule; exit 1, nothing written. `--bootstrap` loads the very first
 * directory, roles included, and is refused once anyone holds a role. Each change is
 * recorded as made by `cli:<os user>`.
 */
const args = cliArgs();
const bootstrap = args.includes('--bootstrap');
const [file] = args.filter((arg) => arg !== '--bootstrap');
if (!file || !['.csv', '.json'].includes(extname(file).toLowerCase())) {
  console.error(
    'usage: pnpm directory [--bootstrap] <people.csv | associations.csv | directory.json>',
  );
  process.exit(2);
}
const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
const format = extname(file).toLowerCase() === '.csv' ? 'csv' : 'json';
const db = await openConfiguredDatabase(loadConfig());
try {
  const result = await importDirectory(
    // Stamped by the system clock: a virtual demo clock lives only in the running process.
    { prisma: db.prisma },
    parseDirectoryFile(await readFile(path, 'utf8'), format),
    { actorId: `cli:${userInfo().username}`, bootstrap },
  );
  console.log(
    `${bootstrap ? 'bootstrapped' : 'imported'} ${result.people} people and ${result.associations} associations from ${path}: ${result.changes} change(s), ${result.casesRecorded} case(s) recorded`,
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
