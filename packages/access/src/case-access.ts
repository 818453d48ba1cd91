import type { TPersonRole } from '@ppda/domain';
import { restrictionAgainst, type TCaseParties, type TRestriction } from './directory-entry.ts';
import { ACTING_ROLES, caseRolesOf, vettingAuthorityOf } from './who-acts.ts';

/** Read-only oversight: may read every case they are not restricted from, decide nothing. */
export const OVERSIGHT_ROLES: readonly TPersonRole[] = ['oversight', 'auditor', 'iopc', 'pcc'];

/**
 * Roles whose holders may read cases they are not assigned to: oversight, and those who may act
 * for a case (the AA, the Head of PSD and the vetting authority who act for it see it; other
 * holders do not).
 */
export const SEES_UNASSIGNED_ROLES: readonly TPersonRole[] = [
  ...new Set([...ACTING_ROLES, ...OVERSIGHT_ROLES]),
];

const CASE_WORKERS: TPersonRole[] = [
  'investigator',
  'psd-supervisor',
  'head-of-psd',
  'appropriate-authority',
  'pcc',
  'victim-spoc',
  'criminal-oic',
  // Reads and decides only the cases it acts for as vetting authority, once their vetting route
  // is open (the vetting route's decisions are its only right: `gate.decision-rights` refuses
  // it the rest); never victim data (not assigned to work with the victim).
  'vetting-authority',
];

/** What a route does to one case, and which roles may do it once the case is visible. */
export const CASE_ACTIONS = {
  'case.read': {
    about: "read the case's state, clocks, events and assignments",
    roles: [...CASE_WORKERS, 'oversight', 'auditor', 'iopc'],
  },
  'case.decide': { about: 'record a decision', roles: CASE_WORKERS },
  'case.assign': {
    about: 'assign people to the case',
    roles: ['psd-supervisor', 'head-of-psd', 'appropriate-authority'],
  },
  'case.verify': {
    about: "verify the case's hash chain",
    roles: ['appropriate-authority', 'pcc', 'oversight', 'auditor', 'iopc'],
  },
  'case.access-log': {
    about: 'list who read or tried to read the case',
    roles: ['appropriate-authority', 'pcc', 'oversight', 'auditor', 'iopc'],
  },
  // Victim data is need-to-know within need-to-know: only those assigned to work with them.
  'case.victim.read': {
    about: "read the victim's contact details, safety plan and preferences",
    roles: ['victim-spoc', 'criminal-oic', 'investigator'],
    assignedOnly: true,
  },
  'case.victim.write': {
    about: "record the victim's contact details, safety plan and preferences",
    roles: ['victim-spoc', 'criminal-oic', 'investigator'],
    assignedOnly: true,
  },
} as const satisfies Record<
  string,
  { about: string; roles: readonly TPersonRole[]; assignedOnly?: boolean }
>;
export type TCaseAction = keyof typeof CASE_ACTIONS;

export type TAccessReason =
  | 'assigned'
  | 'oversight-role'
  | 'acts-for-case'
  | 'no-such-case'
  | TRestriction
  /** The vetting authority asked before the case's vetting route was opened. */
  | 'vetting-route-not-open'
  | 'not-assigned'
  | 'role-permitted'
  | 'role-not-permitted';

export type TAccessDecision =
  | { allowed: true; reason: TAccessReason }
  /** `not-found` answers exactly as for a case that does not exist. */
  | { allowed: false; status: 'not-found' | 'forbidden'; reason: TAccessReason };

export interface TCaseAccessInput {
  person: { id: string; roles: readonly string[] };
  action: TCaseAction;
  /** Undefined when there is no such case. */
  parties: TCaseParties | undefined;
  /** This person's active assignments on the case (roles on the case). */
  assignments: readonly string[];
  /**
   * Whether the case's vetting route has been opened (the severity assessment referred the
   * matter to be dealt with under the Vetting Regulations; it stays true once the route has
   * ended). Until then the vetting authority has no part in the case and cannot see it.
   */
  vettingRouteOpen: boolean;
}

const hasAny = (roles: readonly string[], wanted: readonly string[]) =>
  roles.some((role) => wanted.includes(role));

/**
 * `gate.access`: the subject, their barred line chain and declared associates never see the
 * case and cannot tell it exists; others see it when assigned, when they act for it (its AA,
 * Head of PSD, and its vetting authority once the vetting route is open) or by an oversight role. Routes are allowed by the roles held on the case.
 */
export function decideCaseAccess(input: TCaseAccessInput): TAccessDecision {
  const { person, parties, assignments } = input;
  if (!parties) return { allowed: false, status: 'not-found', reason: 'no-such-case' };
  const restriction = restrictionAgainst(person.id, parties);
  if (restriction) return { allowed: false, status: 'not-found', reason: restriction };

  const roles = caseRolesOf(person, parties);
  const { appropriateAuthority, headOfPsd } = parties.actingFor;
  const actsFor = [appropriateAuthority, headOfPsd];
  // The vetting authority has no part in a case until the AA refers it to the vetting route:
  // before that it is not told the case exists (need-to-know); after, it keeps reading it.
  const vettingAuthority = vettingAuthorityOf(parties.actingFor);
  if (input.vettingRouteOpen) actsFor.push(vettingAuthority);
  let basis: TAccessReason | undefined;
  if (assignments.length > 0) basis = 'assigned';
  else if (actsFor.some((acting) => acting?.personId === person.id)) {
    basis = 'acts-for-case';
  } else if (hasAny(roles, OVERSIGHT_ROLES)) basis = 'oversight-role';
  if (!basis) {
    const early = vettingAuthority?.personId === person.id;
    return {
      allowed: false,
      status: 'not-found',
      reason: early ? 'vetting-route-not-open' : 'not-assigned',
    };
  }

  const action: { roles: readonly string[]; assignedOnly?: boolean } = CASE_ACTIONS[input.action];
  if (!hasAny(roles, action.roles) || (action.assignedOnly && basis !== 'assigned')) {
    return { allowed: false, status: 'forbidden', reason: 'role-not-permitted' };
  }
  return { allowed: true, reason: basis };
}

/** Actions not about one case, and who may take them. */
export const GLOBAL_ACTIONS = {
  'case.list': {
    about: 'list the cases you may read',
    // The chief constable lists the cases they act for (the DCC conflicted).
    roles: [...CASE_ACTIONS['case.read'].roles, 'chief-constable'],
  },
  'case.report': {
    about: 'report an allegation (open a case)',
    roles: ['investigator', 'psd-supervisor', 'head-of-psd', 'appropriate-authority'],
  },
  'directory.import': {
    about: 'import people and declared associations',
    roles: ['ops', 'appropriate-authority'],
  },
  'access-log.list': {
    about: 'list the access log',
    roles: ['appropriate-authority', 'chief-constable', 'pcc', 'oversight', 'auditor', 'iopc'],
  },
  // Fine-grained rules (which role, whose) are in role-grants.ts; this is who may ask at all.
  'directory.roles': {
    about: "grant or revoke a person's directory roles",
    roles: ['appropriate-authority', 'chief-constable', 'head-of-psd'],
  },
  'directory.changes': {
    about: 'list the versioned directory changes',
    roles: ['appropriate-authority', 'chief-constable', 'pcc', 'oversight', 'auditor', 'iopc'],
  },
  'directory.leavers': {
    about: 'list leavers and the case work they leave behind',
    roles: ['appropriate-authority', 'head-of-psd'],
  },
  'case.allocate': {
    about: 'see what is unallocated and allocate or move cases (each move needs case.assign)',
    roles: ['psd-supervisor', 'head-of-psd', 'appropriate-authority'],
  },
  'tasks.read-others': {
    about: "list another person's open tasks",
    roles: ['psd-supervisor', 'head-of-psd', 'appropriate-authority'],
  },
  'ops.tools': { about: 'queues, caught mail and the demo clock', roles: ['ops'] },
  'calendar.manage': {
    about: "read the working calendar's coverage and import published bank holidays",
    roles: ['ops'],
  },
  'audit.report': {
    about: 'read the audit report over all live and recently closed cases',
    roles: [
      'head-of-psd',
      'appropriate-authority',
      'chief-constable',
      'pcc',
      'oversight',
      'auditor',
      'iopc',
    ],
  },
  'statistics.export': {
    about: 'export the PPDA statistics for the IOPC and Home Office returns',
    roles: ['head-of-psd', 'appropriate-authority', ...OVERSIGHT_ROLES],
  },
} as const satisfies Record<string, { about: string; roles: readonly TPersonRole[] }>;
export type TGlobalAction = keyof typeof GLOBAL_ACTIONS;

export function canDo(roles: readonly string[], action: TGlobalAction): boolean {
  return hasAny(roles, GLOBAL_ACTIONS[action].roles);
}
