import type { TFaultReport } from './fault-run.ts';

const statuses = (counts: Map<number, number>) =>
  [...counts]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status === 0 ? 'no answer' : status}×${count}`)
    .join(', ');

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** The fault run as a person reads it: what flowed, what was injected, what held. */
export function formatFaultReport(report: TFaultReport): string {
  const { ledger, fuzz, concurrent, duplicates } = report;
  const fiveXx = [...report.statuses].filter(([status]) => status >= 500);
  const lines = [
    `fault run (${report.mode}, seed ${report.seed}) in ${report.seconds.toFixed(0)} s`,
    `commands accepted ${ledger.commandsAccepted}, command events stored ${ledger.commandEventsStored}, accepted but missing ${ledger.acceptedMissing.length}`,
    `timer rungs armed ${ledger.rungsArmed}, fired ${ledger.rungsFired}, fired twice ${ledger.rungsFiredTwice}`,
    `mails claimed ${ledger.mailsClaimed}, sent ${ledger.mailsSent}, sent twice ${ledger.mailsSentTwice} (${report.mailsTwiceAcrossCrash} first accepted by SMTP just as their worker was killed or PostgreSQL went down; same Message-ID)`,
    ...ledger.mailsSentTwiceDetail
      .slice(0, 5)
      .map(
        (mail) =>
          `  sent twice: ${mail.id}, ${mail.attempts} attempts, received ${mail.receivedAt.join(' and ')}`,
      ),
    `case event chains with gaps ${ledger.brokenChains}`,
    `api answers to the command stream: ${statuses(report.statuses)}`,
    `5xx ${fiveXx.reduce((sum, [, count]) => sum + count, 0)} (${statuses(new Map(fiveXx)) || 'none'})`,
    `with PostgreSQL down: ${statuses(report.outageAnswers)}`,
    `50 concurrent commands on one case: ${statuses(concurrent.statuses)}; events recorded ${concurrent.eventsAdded}`,
    `duplicate deliveries: ${duplicates.timerJobs} timer jobs, ${duplicates.mailJobs} mail jobs, ${duplicates.reRelayed} outbox rows relayed again`,
    `fuzz: ${fuzz.sent} payloads over every command: ${statuses(fuzz.statuses)}; 5xx or no answer ${fuzz.fiveXx.length}; schema-invalid accepted ${fuzz.invalidAccepted.length}; schema-valid accepted ${fuzz.validAccepted}`,
    'time to recover (injection → api answers, takes a command, no timer overdue):',
    ...[...report.recoveries].map(
      ([name, times]) =>
        `  ${name.padEnd(28)} ×${String(times.length).padEnd(4)} median ${median(times)} ms, max ${Math.max(...times)} ms`,
    ),
    ...(report.armedAtFlush.length > 0
      ? [`  (timers armed at each Redis flush: ${report.armedAtFlush.join(', ')}; bar 5 s)`]
      : []),
    `errors logged by the services: ${[...report.serviceErrors.values()].reduce((a, b) => a + b, 0)}`,
    // An unhandled error (a 500) first: it is what a failed bar needs explained.
    ...[...report.serviceErrors]
      .sort(([a], [b]) => Number(b.startsWith('unhandled')) - Number(a.startsWith('unhandled')))
      .slice(0, 8)
      .map(([message, count]) => `  ×${count} ${message}`),
    report.problems.length === 0
      ? 'bar met: nothing accepted lost, no timer fired twice, no mail sent twice but across a crash, no fuzzed 5xx or state change'
      : `BAR MISSED:\n${report.problems.map((problem) => `  - ${problem}`).join('\n')}`,
  ];
  return lines.join('\n');
}
