import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '@ppda/config';
import { formatLondon } from '@ppda/notify';
import pino from 'pino';
import { startEmbedded } from './embedded.ts';

/**
 * Plays a demo case on the embedded engine with a virtual clock and prints every event and
 * email with its date: `pnpm simulate -- --scenario severity-ignored --weeks 2`.
 */
const SCENARIOS = {
  'referral-deadline': {
    about: 'Serious assault alleged; nobody records the IOPC referral decision.',
    report: { referralCriteriaMet: ['serious-assault'], ownerId: 'psd-inv-1' },
    decisions: [],
  },
  'severity-ignored': {
    about: 'Matter recorded at once and referred; the severity assessment is never recorded.',
    report: { referralCriteriaMet: ['serious-assault'], ownerId: 'psd-inv-1' },
    decisions: [
      {
        type: 'MATTER_RECORDED',
        asConductMatter: true,
        asComplaint: false,
        rationale: 'Domestic abuse alleged against a serving officer: a conduct matter.',
      },
      {
        type: 'IOPC_REFERRAL_DECIDED',
        referred: true,
        rationale: 'Serious assault alleged: referral criterion met.',
      },
    ],
  },
} as const;

const { values } = parseArgs({
  // `pnpm simulate -- --days 3` passes the `--` through.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    scenario: { type: 'string', default: 'referral-deadline' },
    days: { type: 'string' },
    weeks: { type: 'string' },
    start: { type: 'string', default: '2025-03-03T10:00:00Z' },
  },
});
const scenario = SCENARIOS[values.scenario as keyof typeof SCENARIOS];
if (!scenario) {
  console.error(
    `unknown --scenario ${values.scenario}; one of: ${Object.keys(SCENARIOS).join(', ')}`,
  );
  process.exit(2);
}
const days = Number(values.days ?? 0) + 7 * Number(values.weeks ?? 0) || 7;

const dataDir = await mkdtemp(join(tmpdir(), 'ppda-simulate-'));
const engine = await startEmbedded(
  loadConfig({
    CLOCK: 'virtual',
    VIRTUAL_START: values.start,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
  }),
  pino({ level: 'silent' }),
);
try {
  const actor = { 'x-actor-id': 'psd-inv-1' };
  console.log(`Scenario ${values.scenario}: ${scenario.about}`);
  console.log(`Virtual clock from ${formatLondon(engine.clock.now())} for ${days} days\n`);
  const opened = await engine.api.inject({
    method: 'POST',
    url: '/cases',
    headers: actor,
    payload: scenario.report,
  });
  const { caseId, reference } = opened.json() as { caseId: string; reference: string };
  for (const decision of scenario.decisions) {
    const response = await engine.api.inject({
      method: 'POST',
      url: `/cases/${caseId}/decisions`,
      headers: actor,
      payload: decision,
    });
    if (response.statusCode !== 200) throw new Error(`decision refused: ${response.body}`);
  }
  for (let day = 0; day < days; day++) await engine.time!.advanceBy(24 * 3600 * 1000);

  console.log(`Case ${reference}`);
  for (const event of await engine.runtime.engine.listEvents(caseId)) {
    const who = (event.payload as { notified?: { role: string; personId: string }[] }).notified;
    const to = who ? ` → ${who.map((n) => `${n.role} (${n.personId})`).join(', ')}` : '';
    console.log(
      `  ${formatLondon(new Date(event.occurredAt))}  ${event.type.padEnd(24)} ${event.ruleId ?? ''}${to}`,
    );
  }
  console.log('\nEmails sent');
  for (const mail of engine.sink?.messages() ?? [])
    console.log(`  ${mail.to.join(', ').padEnd(34)} ${mail.subject}`);
  console.log('\nClocks still running');
  for (const clock of await engine.runtime.engine.listClocks(caseId)) {
    if (clock.status === 'armed' || clock.status === 'overdue') {
      console.log(
        `  ${clock.ruleId.padEnd(22)} ${clock.status.padEnd(8)} due ${formatLondon(new Date(clock.dueAt))}`,
      );
    }
  }
} finally {
  await engine.close();
  await rm(dataDir, { recursive: true, force: true });
}
