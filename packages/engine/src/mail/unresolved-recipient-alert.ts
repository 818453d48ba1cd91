import { restrictionAgainst, type TCaseParties } from '@ppda/access';
import { Prisma } from '@ppda/db';
import { renderRecipientAlert } from '@ppda/notify';
import type { TRule } from '@ppda/ppda-case';
import type { TEngineDeps } from '../runtime/deps.ts';
import type { TTimerRung } from '../timers/rung.ts';
import type { TStandIn } from '../timers/rung-recipients.ts';

/** The notification kind of an unresolved-recipient alert; `/metrics` counts its rungs. */
const RECIPIENT_ALERT_KIND = 'recipient-alert';

/**
 * A rung had a part nobody could be resolved for: alert ops and whoever acts as the case's
 * Head of PSD at once (mail sent now, not in working hours), and log it for ops' error alerts.
 * Returned as notification rows written with the rung's event, so the alert goes exactly once.
 */
export async function unresolvedRecipientAlerts(
  deps: TEngineDeps,
  input: {
    row: { id: string; reference: string };
    parties: TCaseParties;
    timer: { id: string };
    rung: TTimerRung;
    rule: TRule;
    standIns: TStandIn[];
    at: Date;
  },
) {
  const { row, parties, timer, rung, rule, standIns } = input;
  deps.logger.error(
    { caseId: row.id, ruleId: rule.id, rung: rung.rung, standIns },
    'a clock rung has a part nobody can be resolved for',
  );
  const head = parties.actingFor.headOfPsd?.personId ?? null;
  // Never someone the case is kept from, whatever their role.
  const people = (
    await deps.sql.query<{ id: string; email: string }>(Prisma.sql`SELECT id, email
      FROM "Person" WHERE "leftAt" IS NULL AND ('ops' = ANY(roles) OR id = ${head}) ORDER BY id`)
  ).filter((person) => !restrictionAgainst(person.id, parties));
  const notice = renderRecipientAlert({
    caseReference: row.reference,
    ruleId: rule.id,
    rung: rung.rung,
    standIns,
    ...(deps.publicUrl ? { caseUrl: `${deps.publicUrl}/cases/${row.id}` } : {}),
  });
  return people.map((person) => {
    const id = `${timer.id}.r${rung.rung}.alert.${person.id}`;
    return {
      id,
      caseId: row.id,
      timerId: timer.id,
      rung: rung.rung,
      kind: RECIPIENT_ALERT_KIND,
      recipientId: person.id,
      recipientEmail: person.email,
      subject: notice.subject,
      body: notice.text,
      status: 'pending',
      messageId: `<${id}@ppda-engine>`,
    };
  });
}
