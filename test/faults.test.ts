import { expect, it } from 'vitest';
import { runFaults } from './faults/fault-run.ts';
import { formatFaultReport } from './faults/format-report.ts';

// The short fault run (`pnpm test:faults` prints the same; `--full` runs 200 kills and 10,000
// fuzzed payloads). It starts its own PostgreSQL and Redis, since it restarts and flushes them.
it('loses nothing accepted and does nothing twice under kills, restarts and fuzzing', async () => {
  const report = await runFaults({ mode: 'short' });
  console.log(formatFaultReport(report));
  expect(report.problems).toEqual([]);
  expect(report.ledger.rungsArmed).toBeGreaterThan(0);
  expect(report.ledger.mailsClaimed).toBeGreaterThan(0);
  expect(report.ledger.commandsAccepted).toBeGreaterThan(0);
  expect([...report.outageAnswers.keys()]).toEqual([503]);
}, 300_000);
