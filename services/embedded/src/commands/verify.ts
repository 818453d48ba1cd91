import { loadConfig } from '@ppda/config';
import { type TChainReport, verifyAllCases, verifyCaseChain } from '@ppda/engine';
import { cliArgs, openConfiguredDatabase } from './open-configured-database.ts';

/**
 * `pnpm verify <caseId>` or `pnpm verify --all`: recompute hash chains from the database and
 * name the first broken link of each case. Exit 0 all intact, 1 a chain is broken, 2 usage.
 */
const [target] = cliArgs();
if (!target || target === '--help') {
  console.error('usage: pnpm verify <caseId> | --all');
  process.exit(2);
}
const db = await openConfiguredDatabase(loadConfig());
let reports: TChainReport[];
try {
  reports =
    target === '--all'
      ? await verifyAllCases(db.prisma)
      : [await verifyCaseChain(db.prisma, target)];
} catch (error) {
  console.error(String((error as Error).message ?? error));
  await db.close();
  process.exit(2);
}
await db.close();
for (const report of reports) {
  console.log(
    report.intact
      ? `intact  ${report.caseId}  ${report.events} events, head ${report.head}`
      : `BROKEN  ${report.caseId}  ${report.firstBroken?.message}`,
  );
}
const broken = reports.filter((report) => !report.intact).length;
console.log(`${reports.length} case(s) verified, ${broken} broken`);
process.exit(broken > 0 ? 1 : 0);
