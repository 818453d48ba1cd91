import type { TPersonRole } from '@ppda/domain';

/**
 * Roles one person holds at a time. Granting one moves it: the holder loses it in the same
 * change, so a grant can never leave two people answering as the AA or Head of PSD.
 */
export const SINGULAR_ROLES: readonly TPersonRole[] = [
  'appropriate-authority',
  'head-of-psd',
  'chief-constable',
  'pcc',
];

/** PSD roles: the Head of PSD may grant and revoke these as well as the AA. */
export const PSD_ROLES: readonly TPersonRole[] = ['investigator', 'psd-supervisor'];

/**
 * Offices the force cannot give: the chief constable is appointed by the PCC, the PCC is
 * elected. They enter the directory only with its bootstrap.
 */
export const OUTSIDE_FORCE_GIFT: readonly TPersonRole[] = ['pcc', 'chief-constable'];

/** Who may grant and revoke any role the force gives (rules.md, "Directory changes"). */
const GRANTORS: readonly TPersonRole[] = ['appropriate-authority', 'chief-constable'];

export type TRoleChangeRule =
  | 'directory.self-grant'
  | 'directory.outside-gift'
  | 'directory.grant-authority'
  | 'directory.leaver'
  | 'directory.no-change';

export type TRoleChangeDecision =
  | { allowed: true }
  | {
      allowed: false;
      /** `forbidden`: the grantor may not; `gate-refused`: the target or request cannot. */
      code: 'forbidden' | 'gate-refused';
      rule: TRoleChangeRule;
      message: string;
    };

export interface TRoleChangeInput {
  actor: { id: string; roles: readonly string[] };
  target: { id: string; roles: readonly string[]; active: boolean };
  action: 'grant' | 'revoke';
  role: TPersonRole;
}

/** Whether `actor` may grant or revoke `role` for `target`: pure, so the rules sit in one place. */
export function decideRoleChange(input: TRoleChangeInput): TRoleChangeDecision {
  const { actor, target, action, role } = input;
  if (actor.id === target.id) {
    return refuse('forbidden', 'directory.self-grant', 'nobody grants or revokes their own roles');
  }
  if (OUTSIDE_FORCE_GIFT.includes(role)) {
    return refuse(
      'forbidden',
      'directory.outside-gift',
      `${role} is not in the force's gift: it is set only when the directory is bootstrapped`,
    );
  }
  const isGrantor = actor.roles.some((held) => (GRANTORS as string[]).includes(held));
  const isHeadForPsdRole = actor.roles.includes('head-of-psd') && PSD_ROLES.includes(role);
  if (!isGrantor && !isHeadForPsdRole) {
    return refuse(
      'forbidden',
      'directory.grant-authority',
      PSD_ROLES.includes(role)
        ? `${role} is granted by the AA, the chief constable or the Head of PSD`
        : `${role} is granted by the AA or the chief constable only`,
    );
  }
  const holds = target.roles.includes(role);
  if (action === 'grant' && !target.active) {
    return refuse('gate-refused', 'directory.leaver', `${target.id} has left the force`);
  }
  if (action === 'grant' ? holds : !holds) {
    return refuse(
      'gate-refused',
      'directory.no-change',
      `${target.id} ${holds ? 'already holds' : 'does not hold'} ${role}`,
    );
  }
  return { allowed: true };
}

function refuse(
  code: 'forbidden' | 'gate-refused',
  rule: TRoleChangeRule,
  message: string,
): TRoleChangeDecision {
  return { allowed: false, code, rule, message };
}
