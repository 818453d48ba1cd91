import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { bundleService, SERVICES } from '@ppda/build';
import { runFaults } from './fault-run.ts';
import { formatFaultReport } from './format-report.ts';

/** `pnpm test:faults [--full] [--seed N] [--error-log FILE]`: prints the report; exits 1 if the bar is missed. */
const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    full: { type: 'boolean', default: false },
    seed: { type: 'string' },
    'error-log': { type: 'string' },
  },
});
// The services under test, as production runs them.
for (const service of SERVICES) await bundleService(service);
const report = await runFaults({
  mode: values.full ? 'full' : 'short',
  ...(values.seed ? { seed: Number(values.seed) } : {}),
  log: (line) => process.stderr.write(`faults: ${new Date().toISOString()} ${line}\n`),
});
console.log(formatFaultReport(report));
if (values['error-log']) await writeFile(values['error-log'], report.serviceErrorLines.join('\n'));
process.exitCode = report.problems.length === 0 ? 0 : 1;
