import { restrictionAgainst, type TCaseParties, vettingAuthorityOf } from '@ppda/access';
import { type Person, Prisma, type TSql } from '@ppda/db';
import type { TRecipientRole } from '@ppda/domain';
import type { TTimerRung } from './rung.ts';

/*
 * Who a clock's rung goes to, decided here and nowhere else. The policy pack's ladder names
 * the parts each rung tells (`notify`: case-owner, supervisor, …); when the clock is armed,
 * the case-owner place is given to whoever owes the clock's decision (`rungParts`); when the
 * rung fires, each part is resolved to a person on the case, a part nobody holds standing in
 * to the next rung's holders or on up the usual ladder (`recipientsOfRung`). The mail each
 * one gets is composed in mail/rung-notice.ts.
 */

/**
 * The parts a rung tells, as armed: the pack's `notify` list with the case owner's place given
 * to the clock's duty holder (whoever may take the decision that meets it), each part once.
 */
export function rungParts(notify: readonly string[], dutyHolder: string): string[] {
  return [...new Set(notify.map((role) => (role === 'case-owner' ? dutyHolder : role)))];
}

/** Parts a case assignment gives (`criminal-oic`, `victim-spoc`) that rungs and tasks go to. */
type TAssignedPart = Extract<TRecipientRole, 'criminal-oic' | 'victim-spoc'>;

/** Who holds each assigned part on a case now (the latest active assignment). */
export type TDutyHolders = Partial<Record<TAssignedPart, string>>;

export interface TRecipient {
  /** The part the person is told in. */
  role: string;
  personId: string;
  email: string;
  /** Set when they are told in place of a part nobody could be resolved for. */
  standsInFor?: string;
}

/** A part of a rung nobody could be resolved for: who was meant, and who was told instead. */
export interface TStandIn {
  meant: string;
  told: { role: string; personId: string } | null;
}

/** Where a rung goes when a part of it has nobody: up the usual ladder (rules.md). */
const ESCALATION_ORDER: readonly string[] = [
  'case-owner',
  'supervisor',
  'head-of-psd',
  'appropriate-authority',
];

/**
 * The parts to try, in order, for a rung part nobody holds: the holders of the ladder's later
 * rungs, then the parts above `meant` on the usual ladder, then (when nobody above can be
 * resolved, as at the top) those below it, nearest first: a rung is never dropped.
 */
export function standInOrder(laterRungs: readonly string[][], meant: string): string[] {
  const at = ESCALATION_ORDER.indexOf(meant);
  const above = at < 0 ? [] : ESCALATION_ORDER.slice(at + 1);
  const below = at < 0 ? [...ESCALATION_ORDER].reverse() : ESCALATION_ORDER.slice(0, at).reverse();
  return [...new Set([...laterRungs.flat(), ...above, ...below])].filter((role) => role !== meant);
}

/**
 * Who holds each part for this case: the owner, the supervisor (without one, the owner's line
 * manager), and the AA and Head of PSD who act for it (`parties.actingFor`). Nobody the case is
 * kept from, and no leaver, is ever sent it. A part with nobody goes to the first of
 * `standIns(part)` who can be resolved and is not already told; `standIns` lists those stand-ins.
 * One round trip. Rungs come through `recipientsOfRung`; an invitation asks for its parts here.
 */
export async function resolveRecipients(
  sql: TSql,
  caseRow: { ownerId: string; supervisorId: string | null; dutyHolders?: TDutyHolders },
  parties: TCaseParties,
  roles: readonly string[],
  standInsFor: (meant: string) => string[] = () => [],
): Promise<{ recipients: TRecipient[]; standIns: TStandIn[] }> {
  if (roles.length === 0) return { recipients: [], standIns: [] };
  const { appropriateAuthority, headOfPsd } = parties.actingFor;
  const vettingAuthority = vettingAuthorityOf(parties.actingFor);
  const assigned = caseRow.dutyHolders ?? {};
  const ids = [
    assigned['criminal-oic'],
    assigned['victim-spoc'],
    caseRow.ownerId,
    caseRow.supervisorId,
    appropriateAuthority?.personId,
    headOfPsd?.personId,
    vettingAuthority?.personId,
  ];
  const people = await sql.query<Person>(Prisma.sql`SELECT * FROM "Person"
    WHERE "leftAt" IS NULL AND (id = ANY(${ids.filter((id) => id != null)}::text[])
      OR (${caseRow.supervisorId}::text IS NULL
        AND id = (SELECT "lineManagerId" FROM "Person" WHERE id = ${caseRow.ownerId})))`);
  const byId = new Map(people.map((person) => [person.id, person]));
  const allowed = (id: string | null | undefined) => {
    const person = id ? byId.get(id) : undefined;
    return person && !restrictionAgainst(person.id, parties) ? person : undefined;
  };
  const holderOf = (role: string): Person | undefined => {
    switch (role as TRecipientRole) {
      case 'case-owner':
        return allowed(caseRow.ownerId);
      case 'supervisor':
        return allowed(caseRow.supervisorId ?? byId.get(caseRow.ownerId)?.lineManagerId);
      case 'head-of-psd':
        return allowed(headOfPsd?.personId);
      case 'appropriate-authority':
        return allowed(appropriateAuthority?.personId);
      case 'vetting-authority':
        return allowed(vettingAuthority?.personId);
      // The assigned OIC or SPOC; until one is assigned, the case owner holds their duties.
      case 'criminal-oic':
      case 'victim-spoc':
        return allowed(assigned[role as TAssignedPart]) ?? allowed(caseRow.ownerId);
      default:
        return undefined;
    }
  };

  const recipients: TRecipient[] = [];
  const told = new Set<string>();
  const tell = (role: string, person: Person, standsInFor?: string) => {
    told.add(person.id);
    recipients.push({
      role,
      personId: person.id,
      email: person.email,
      ...(standsInFor ? { standsInFor } : {}),
    });
  };
  const missing: string[] = [];
  for (const role of roles) {
    const person = holderOf(role);
    if (!person) missing.push(role);
    else if (!told.has(person.id)) tell(role, person);
  }
  const standIns = missing.map((meant): TStandIn => {
    for (const role of standInsFor(meant)) {
      const person = holderOf(role);
      if (!person) continue;
      if (!told.has(person.id)) tell(role, person, meant);
      return { meant, told: { role, personId: person.id } };
    }
    return { meant, told: null };
  });
  return { recipients, standIns };
}

/**
 * The people rung `index` of a timer's ladder is sent to: its parts resolved on the case
 * (`resolveRecipients`), a part nobody holds going to the holders of the ladder's later rungs,
 * or on up the usual ladder (`standInOrder`): never dropped.
 */
export function recipientsOfRung(
  sql: TSql,
  caseRow: { ownerId: string; supervisorId: string | null; dutyHolders?: TDutyHolders },
  parties: TCaseParties,
  ladder: readonly TTimerRung[],
  index: number,
): Promise<{ recipients: TRecipient[]; standIns: TStandIn[] }> {
  const laterRungs = ladder.slice(index + 1).map((later) => later.notify);
  return resolveRecipients(sql, caseRow, parties, ladder[index]?.notify ?? [], (meant) =>
    standInOrder(laterRungs, meant),
  );
}

/**
 * A task for a decision the AA or the Head of PSD owes goes to whoever acts for this case in
 * that part, as the clock's mail does; the rest stay the case owner's, as does one whose holder
 * is unresolved. No query: who acts is part of the case's parties.
 */
export function assignTaskHolders<T extends { assigneeId: string; holder?: TRecipientRole }>(
  parties: TCaseParties,
  tasks: readonly T[],
  dutyHolders: TDutyHolders = {},
): Omit<T, 'holder'>[] {
  const { appropriateAuthority, headOfPsd } = parties.actingFor;
  return tasks.map(({ holder, ...task }) => {
    const personId =
      holder === 'appropriate-authority'
        ? appropriateAuthority?.personId
        : holder === 'head-of-psd'
          ? headOfPsd?.personId
          : holder === 'vetting-authority'
            ? vettingAuthorityOf(parties.actingFor)?.personId
            : holder === 'criminal-oic' || holder === 'victim-spoc'
              ? dutyHolders[holder]
              : undefined;
    return personId ? { ...task, assigneeId: personId } : task;
  });
}
