import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { decisionRightFor, type TDecisionRight } from '@ppda/access';
import { loadConfig } from '@ppda/config';
import { formatLondon } from '@ppda/notify';
import pino from 'pino';
import { startEmbedded } from './embedded.ts';
import { loadSimulationScript } from './simulation-script.ts';

/**
 * Plays a scripted case on the embedded engine with a virtual clock and prints every
 * decision, clock rung and email with its date:
 *   pnpm simulate [scenarios/oral-suspension.yaml] [--days N]
 */
const { values, positionals } = parseArgs({
  // `pnpm simulate -- x.yaml` passes the `--` through.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  allowPositionals: true,
  options: { days: { type: 'string' } },
});
const scriptPath = resolve(
  process.env.INIT_CWD ?? process.cwd(),
  positionals[0] ?? new URL('../scenarios/referral-deadline.yaml', import.meta.url).pathname,
);
const script = await loadSimulationScript(scriptPath);
const until = values.days
  ? new Date(Date.parse(script.start) + Number(values.days) * 24 * 3600 * 1000)
  : new Date(script.until);

const dataDir = await mkdtemp(join(tmpdir(), 'ppda-simulate-'));
const engine = await startEmbedded(
  loadConfig({
    CLOCK: 'virtual',
    VIRTUAL_START: script.start,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
  }),
  pino({ level: 'silent' }),
);
/** A bearer token for a demo directory person, from the embedded local issuer. */
const actingAs = async (personId: string) => ({
  authorization: `Bearer ${(await engine.localIssuer!.mint(personId)).token}`,
});
try {
  const time = engine.time!;
  const actor = await actingAs(script.report.ownerId);
  console.log(
    `${script.name}\nvirtual clock ${formatLondon(new Date(script.start))} → ${formatLondon(until)}\n`,
  );
  const opened = await engine.api.inject({
    method: 'POST',
    url: '/cases',
    headers: actor,
    payload: {
      ...script.report,
      conductDate: script.report.conductDate ?? script.start.slice(0, 10),
    },
  });
  if (opened.statusCode !== 201) throw new Error(`report refused: ${opened.body}`);
  const { caseId, reference } = opened.json() as { caseId: string; reference: string };
  // Who takes a decision when the script does not say: whoever acts for the case in its right.
  const { actingFor } = (
    await engine.api.inject({ method: 'GET', url: `/cases/${caseId}`, headers: actor })
  ).json() as {
    actingFor: Record<
      'appropriateAuthority' | 'headOfPsd' | 'vettingAuthority',
      { personId: string }
    >;
  };
  const DEMO_DECIDER: Record<TDecisionRight, string> = {
    'appropriate-authority': actingFor.appropriateAuthority.personId,
    'head-of-psd-or-above': actingFor.headOfPsd.personId,
    psd: script.report.ownerId,
    'victim-liaison': script.report.ownerId,
    'criminal-track': script.report.ownerId,
    'vetting-authority': actingFor.vettingAuthority.personId,
  };
  for (const step of script.steps) {
    await time.advanceTo(new Date(step.at));
    const response = await engine.api.inject({
      method: 'POST',
      url: `/cases/${caseId}/decisions`,
      headers: await actingAs(step.by ?? DEMO_DECIDER[decisionRightFor(String(step.decide.type))]),
      payload: step.decide,
    });
    if (response.statusCode !== 200) {
      console.log(
        `  ${formatLondon(new Date(step.at))}  REFUSED ${String(step.decide.type)}: ${response.json().message}`,
      );
    }
  }
  await time.advanceTo(until);

  console.log(`Case ${reference}: what happened`);
  for (const event of await engine.runtime.engine.listEvents(caseId)) {
    const notified = (event.payload as { notified?: { role: string; personId: string }[] })
      .notified;
    const to = notified ? ` → ${notified.map((n) => `${n.role} (${n.personId})`).join(', ')}` : '';
    console.log(
      `  ${formatLondon(new Date(event.occurredAt))}  ${event.type.padEnd(38)} ${event.ruleId ?? ''}${to}`,
    );
  }
  console.log('\nClocks');
  for (const clock of await engine.runtime.engine.listClocks(caseId)) {
    const status = clock.stoppedAt
      ? `${clock.status} ${formatLondon(new Date(clock.stoppedAt))}`
      : clock.status;
    console.log(
      `  ${clock.ruleId.padEnd(30)} from ${formatLondon(new Date(clock.anchorAt))}  due ${formatLondon(new Date(clock.dueAt))}  ${status}`,
    );
  }
  console.log('\nEmails');
  for (const mail of engine.sink?.messages() ?? [])
    console.log(`  ${mail.to.join(', ').padEnd(32)} ${mail.subject}`);
} finally {
  await engine.close();
  await rm(dataDir, { recursive: true, force: true });
}
