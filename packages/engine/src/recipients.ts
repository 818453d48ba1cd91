import type { Tx } from '@ppda/db';
import type { TRecipientRole } from '@ppda/domain';

export interface TRecipient {
  role: string;
  personId: string;
  email: string;
}

/** Who holds each part for this case; force-wide roles come from the directory. */
export async function resolveRecipients(
  tx: Tx,
  caseRow: { ownerId: string; supervisorId: string | null },
  roles: string[],
  /** `gate.appropriate-authority`: the PCC when the subject is the chief officer, never the DCC. */
  subjectIsChiefOfficer = false,
): Promise<{ recipients: TRecipient[]; unresolved: string[] }> {
  const recipients: TRecipient[] = [];
  const unresolved: string[] = [];
  const owner = await tx.person.findUnique({ where: { id: caseRow.ownerId } });
  for (const role of roles as TRecipientRole[]) {
    let person = null;
    switch (role) {
      case 'case-owner':
        person = owner;
        break;
      case 'supervisor': {
        const supervisorId = caseRow.supervisorId ?? owner?.lineManagerId;
        person = supervisorId ? await tx.person.findUnique({ where: { id: supervisorId } }) : null;
        break;
      }
      case 'head-of-psd':
      case 'appropriate-authority': {
        const holder = role === 'appropriate-authority' && subjectIsChiefOfficer ? 'pcc' : role;
        person = await tx.person.findFirst({
          where: { roles: { has: holder } },
          orderBy: { id: 'asc' },
        });
        break;
      }
    }
    if (person) recipients.push({ role, personId: person.id, email: person.email });
    else unresolved.push(role);
  }
  return { recipients, unresolved };
}
