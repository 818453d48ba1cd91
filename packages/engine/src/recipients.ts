import { restrictionAgainst } from '@ppda/access';
import type { Person, Tx } from '@ppda/db';
import type { TRecipientRole } from '@ppda/domain';
import { loadSubjectContext } from './case-parties.ts';

export interface TRecipient {
  role: string;
  personId: string;
  email: string;
}

/**
 * Who holds each part for this case; force-wide roles come from the directory. Nobody the
 * case is kept from (its subject, their line chain, their associates) is ever sent it: a
 * force-wide role passes to the next holder, a case part is left unresolved (and logged).
 */
export async function resolveRecipients(
  tx: Tx,
  caseRow: { ownerId: string; supervisorId: string | null; subjectId?: string | null },
  roles: string[],
  /** `gate.appropriate-authority`: the PCC when the subject is the chief officer, never the DCC. */
  subjectIsChiefOfficer = false,
): Promise<{ recipients: TRecipient[]; unresolved: string[] }> {
  const recipients: TRecipient[] = [];
  const unresolved: string[] = [];
  const { parties } = await loadSubjectContext(tx, caseRow.subjectId ?? null);
  const allowed = (person: Person | null) =>
    person && !restrictionAgainst(person.id, parties) ? person : null;
  const chiefOfficer = subjectIsChiefOfficer || parties.subjectIsChiefOfficer;
  const owner = await tx.person.findUnique({ where: { id: caseRow.ownerId } });
  for (const role of roles as TRecipientRole[]) {
    let person: Person | null = null;
    switch (role) {
      case 'case-owner':
        person = allowed(owner);
        break;
      case 'supervisor': {
        const supervisorId = caseRow.supervisorId ?? owner?.lineManagerId;
        person = supervisorId
          ? allowed(await tx.person.findUnique({ where: { id: supervisorId } }))
          : null;
        break;
      }
      case 'head-of-psd':
      case 'appropriate-authority': {
        const holder = role === 'appropriate-authority' && chiefOfficer ? 'pcc' : role;
        const holders = await tx.person.findMany({
          where: { roles: { has: holder } },
          orderBy: { id: 'asc' },
        });
        person = holders.find((candidate) => allowed(candidate)) ?? null;
        break;
      }
    }
    if (person) recipients.push({ role, personId: person.id, email: person.email });
    else unresolved.push(role);
  }
  return { recipients, unresolved };
}
