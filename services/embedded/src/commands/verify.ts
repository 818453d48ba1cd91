import { readFile } from 'node:fs/promises';
import { loadConfig } from '@ppda/config';
import {
  checkpointFromConfig,
  signerFromPrivateKey,
  type TChainReport,
  type TCheckpoint,
  verifyAllCases,
  verifyCaseChain,
  verifyCheckpoint,
} from '@ppda/engine';
import { CliRefusal, cliArgs, openConfiguredDatabase, runCli } from './open-configured-database.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const USAGE = 'usage: pnpm verify <caseId> | --all | --checkpoint FILE';

/**
 * `pnpm verify <caseId>`, `--all`: recompute hash chains from the database and name the first
 * broken link of each case (a chain cut short of its case head too). `--checkpoint FILE`:
 * prove against a signed checkpoint that no event recorded before it changed since. Exit 0
 * all intact, 1 broken or refused (one line: a missing database, a running engine, a bad id),
 * 2 usage.
 */
await runCli(async () => {
  const [target, file] = cliArgs();
  if (!target || target === '--help' || (target === '--checkpoint' && !file)) {
    console.error(USAGE);
    return 2;
  }
  if (target !== '--all' && target !== '--checkpoint' && !UUID.test(target)) {
    throw new CliRefusal(`not a case id: ${target} (a case id is a UUID). ${USAGE}`);
  }
  const config = loadConfig();
  const checkpoint = target === '--checkpoint' ? await readCheckpoint(file!) : undefined;
  const publicKey = checkpoint ? await checkpointPublicKey(config) : undefined;
  const db = await openConfiguredDatabase(config, { existing: true });
  try {
    if (checkpoint && publicKey) {
      const report = await verifyCheckpoint(db.prisma, checkpoint, publicKey);
      for (const problem of report.problems)
        console.log(`BROKEN  ${problem.caseId}  ${problem.message}`);
      console.log(
        `checkpoint ${checkpoint.at} (root ${checkpoint.root.slice(0, 16)}…): ${report.cases} case(s), ${report.problems.length} broken${report.signatureValid ? '' : ', signature NOT valid'}`,
      );
      return report.intact ? 0 : 1;
    }
    let reports: TChainReport[];
    try {
      reports =
        target === '--all'
          ? await verifyAllCases(db.prisma)
          : [await verifyCaseChain(db.prisma, target)];
    } catch (error) {
      if ((error as { code?: string }).code === 'not-found') {
        throw new CliRefusal((error as Error).message);
      }
      throw error;
    }
    for (const report of reports) {
      console.log(
        report.intact
          ? `intact  ${report.caseId}  ${report.events} events, head ${report.head}`
          : `BROKEN  ${report.caseId}  ${report.firstBroken?.message}`,
      );
    }
    const broken = reports.filter((report) => !report.intact).length;
    console.log(`${reports.length} case(s) verified, ${broken} broken`);
    return broken > 0 ? 1 : 0;
  } finally {
    await db.close();
  }
});

async function readCheckpoint(file: string): Promise<TCheckpoint> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new CliRefusal(`cannot read checkpoint ${file}`);
  });
  try {
    const parsed = JSON.parse(text) as TCheckpoint;
    if (parsed.version !== 1 || !Array.isArray(parsed.heads)) throw new Error('shape');
    return parsed;
  } catch {
    throw new CliRefusal(`${file} is not a checkpoint`);
  }
}

/** Only the configured key is trusted: the key in the file is whoever wrote the file's. */
async function checkpointPublicKey(config: ReturnType<typeof loadConfig>) {
  const { keyFile } = checkpointFromConfig(config);
  const pem = await readFile(keyFile, 'utf8').catch(() => {
    throw new CliRefusal(
      `no checkpoint signing key at ${keyFile}: set CHECKPOINT_KEY_FILE (or DATA_DIR) to the engine's`,
    );
  });
  return signerFromPrivateKey(pem).publicKey;
}
