import { restrictionAgainst, type TCaseParties } from '@ppda/access';
import { type Person, Prisma, type TSql } from '@ppda/db';
import type { TRecipientRole } from '@ppda/domain';
import type { TPlannedTask } from './clock-changes.ts';

export interface TRecipient {
  role: string;
  personId: string;
  email: string;
}

/** The directory role that holds each force-wide part. */
const FORCE_WIDE: Partial<Record<TRecipientRole, string>> = {
  'head-of-psd': 'head-of-psd',
  'appropriate-authority': 'appropriate-authority',
};

/**
 * Who holds each part for this case; force-wide roles come from the directory. Nobody the
 * case is kept from (its subject, their line chain, their associates) is ever sent it: a
 * force-wide role passes to the next holder, a case part is left unresolved (and logged).
 * One round trip: every person who could be a recipient.
 */
export async function resolveRecipients(
  sql: TSql,
  caseRow: { ownerId: string; supervisorId: string | null },
  parties: TCaseParties,
  roles: string[],
  /** `gate.appropriate-authority`: the PCC when the subject is the chief officer, never the DCC. */
  subjectIsChiefOfficer = false,
): Promise<{ recipients: TRecipient[]; unresolved: string[] }> {
  if (roles.length === 0) return { recipients: [], unresolved: [] };
  const chiefOfficer = subjectIsChiefOfficer || parties.subjectIsChiefOfficer;
  const holderOf = (role: TRecipientRole) =>
    role === 'appropriate-authority' && chiefOfficer ? 'pcc' : FORCE_WIDE[role];
  const holderRoles = (roles as TRecipientRole[]).flatMap((role) => holderOf(role) ?? []);
  // The owner, the supervisor (or, without one, the owner's line manager) and every holder.
  const people = await sql.query<Person>(Prisma.sql`SELECT * FROM "Person"
    WHERE "leftAt" IS NULL AND (id = ${caseRow.ownerId} OR id = ${caseRow.supervisorId}
      OR (${caseRow.supervisorId}::text IS NULL
        AND id = (SELECT "lineManagerId" FROM "Person" WHERE id = ${caseRow.ownerId}))
      OR roles && ${holderRoles}::text[])
    ORDER BY id`);
  const byId = new Map(people.map((person) => [person.id, person]));
  const allowed = (person: Person | undefined) =>
    person && !restrictionAgainst(person.id, parties) ? person : undefined;
  const owner = byId.get(caseRow.ownerId);

  const recipients: TRecipient[] = [];
  const unresolved: string[] = [];
  for (const role of roles as TRecipientRole[]) {
    let person: Person | undefined;
    const holder = holderOf(role);
    if (role === 'case-owner') person = allowed(owner);
    else if (role === 'supervisor') {
      const supervisorId = caseRow.supervisorId ?? owner?.lineManagerId;
      person = supervisorId ? allowed(byId.get(supervisorId)) : undefined;
    } else if (holder) {
      person = people.find((candidate) => candidate.roles.includes(holder) && allowed(candidate));
    }
    if (person) recipients.push({ role, personId: person.id, email: person.email });
    else unresolved.push(role);
  }
  return { recipients, unresolved };
}

/**
 * A task for a decision a force-wide role makes (the AA's, the Head of PSD's) goes to whoever
 * holds that role for this case, as the clock's mail does; the rest stay the case owner's, as
 * does one whose holder is unresolved. One query, and only when such a task is planned.
 */
export async function assignTaskHolders(
  sql: TSql,
  caseRow: { ownerId: string; supervisorId: string | null },
  parties: TCaseParties,
  tasks: TPlannedTask[],
): Promise<TPlannedTask[]> {
  const roles = [...new Set(tasks.flatMap((task) => task.holder ?? []))];
  if (roles.length === 0) return tasks;
  const { recipients } = await resolveRecipients(sql, caseRow, parties, roles);
  return tasks.map(({ holder, ...task }) => {
    const held = holder && recipients.find((recipient) => recipient.role === holder);
    return held ? { ...task, assigneeId: held.personId } : task;
  });
}
