import type { TPersonRole } from '@ppda/domain';

/** Who may take a kind of decision (rules.md "People and roles"; NPCC overview). */
export type TDecisionRight =
  | 'appropriate-authority'
  | 'head-of-psd-or-above'
  | 'psd'
  | 'victim-liaison'
  | 'criminal-track';

/** Decision type → the right it needs. Types not listed fall back to `KEYWORD_RIGHTS`. */
export const DECISION_RIGHTS: Record<string, TDecisionRight> = {
  MATTER_RECORDED: 'psd',
  REFERRAL_CRITERION_IDENTIFIED: 'psd',
  IOPC_REFERRAL_DECIDED: 'appropriate-authority',
  SEVERITY_ASSESSED: 'appropriate-authority',
  INVESTIGATOR_APPOINTED: 'appropriate-authority',
  EXTERNAL_FORCE_REQUESTED: 'head-of-psd-or-above',
};

/**
 * A safety net for decision types added to the machine before a row above: a suspension is
 * never left to whoever happens to be assigned. The first pattern that matches wins.
 */
export const KEYWORD_RIGHTS: [RegExp, TDecisionRight][] = [
  [/SUSPEN/, 'appropriate-authority'],
  [/RESTRICT/, 'head-of-psd-or-above'],
  [
    /SEVERITY|CASE_TO_ANSWER|CONDUCT_PAUS|INVESTIGATOR_APPOINT|IOPC|OUTCOME/,
    'appropriate-authority',
  ],
  [/EXTERNAL/, 'head-of-psd-or-above'],
  [/VICTIM/, 'victim-liaison'],
  [/ARREST|CHARGE|NFA|BAIL|RUI|DVP|MARAC|DASH|KEY_DECISION|CRIMINAL/, 'criminal-track'],
];

export function decisionRightFor(type: string): TDecisionRight {
  return (
    DECISION_RIGHTS[type] ?? KEYWORD_RIGHTS.find(([pattern]) => pattern.test(type))?.[1] ?? 'psd'
  );
}

/** Roles that hold each right, most specific first; the first one held is recorded. */
function holders(right: TDecisionRight, subjectIsChiefOfficer: boolean): TPersonRole[] {
  // gate.appropriate-authority: the PCC, never the DCC, when the subject is the chief officer.
  const aa: TPersonRole = subjectIsChiefOfficer ? 'pcc' : 'appropriate-authority';
  switch (right) {
    case 'appropriate-authority':
      return [aa];
    case 'head-of-psd-or-above':
      return ['head-of-psd', aa];
    case 'psd':
      return ['investigator', 'psd-supervisor', 'head-of-psd', aa];
    case 'victim-liaison':
      return ['victim-spoc', 'criminal-oic', 'investigator', 'psd-supervisor', 'head-of-psd', aa];
    case 'criminal-track':
      return ['criminal-oic', 'investigator', 'head-of-psd'];
  }
}

/** What a decision event records about who decided and under which authority. */
export interface TAuthority {
  role: TPersonRole;
  right: TDecisionRight;
  basis: string;
}

export type TDecisionRightsResult =
  | { ok: true; authority: TAuthority }
  | { ok: false; gate: 'gate.decision-rights'; reason: string };

const BASIS: Partial<Record<TPersonRole, string>> = {
  'appropriate-authority': "appropriate authority (the chief officer's delegate)",
  pcc: 'PCC as appropriate authority: the subject is the chief officer',
  'head-of-psd': 'Head of PSD',
};

export function checkDecisionRights(input: {
  type: string;
  roles: readonly string[];
  subjectIsChiefOfficer: boolean;
}): TDecisionRightsResult {
  const right = decisionRightFor(input.type);
  const allowed = holders(right, input.subjectIsChiefOfficer);
  const role = allowed.find((candidate) => input.roles.includes(candidate));
  if (role) return { ok: true, authority: { role, right, basis: BASIS[role] ?? role } };
  const who =
    right === 'appropriate-authority' && input.subjectIsChiefOfficer
      ? 'the PCC (the subject is the chief officer, so the PCC is the appropriate authority)'
      : allowed.join(' or ');
  return {
    ok: false,
    gate: 'gate.decision-rights',
    reason: `${input.type} is a decision for ${who}; you hold ${input.roles.join(', ') || 'no role'}.`,
  };
}
