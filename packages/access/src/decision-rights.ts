import type { TPersonRole, TRecipientRole } from '@ppda/domain';
import type { TDecisionType } from '@ppda/ppda-case';
import type { TActing, TCaseParties } from './directory-entry.ts';
import { ACTING_BASIS_TEXT, caseRolesOf, vettingAuthorityOf } from './who-acts.ts';

/** Who may take a kind of decision (rules.md "People and roles"; NPCC overview). */
export type TDecisionRight =
  | 'appropriate-authority'
  | 'head-of-psd-or-above'
  | 'psd'
  | 'victim-liaison'
  | 'criminal-track'
  | 'vetting-authority';

/**
 * Who may take each decision of the case machine (rules.md "People and roles", CondR and CMR,
 * NPCC overview). Typed against the machine's decision types: a decision added to the machine
 * does not compile until it has a row here.
 */
export const DECISION_RIGHTS: Record<TDecisionType, TDecisionRight> = {
  MATTER_RECORDED: 'psd',
  REFERRAL_CRITERION_IDENTIFIED: 'psd',
  REFERRAL_SCREENED: 'psd',
  IOPC_REFERRAL_DECIDED: 'appropriate-authority',
  IOPC_MODE_DECIDED: 'psd',
  IOPC_CALLED_IN: 'psd',
  SEVERITY_ASSESSED: 'appropriate-authority',
  SEVERITY_REVISED: 'appropriate-authority',
  SUSPENDED: 'appropriate-authority',
  // Not suspending is the AA's decision too (CondR reg 11; 2026: a duty with reasons).
  SUSPENSION_NOT_REQUIRED: 'appropriate-authority',
  // The referral is the AA's severity outcome (CondR reg 14(2)(aa)); the route after it is the
  // vetting authority's (Police (Vetting) Regulations 2025: the chief officer's functions, which
  // a force gives its vetting manager: the `vetting-authority` part, else the case's AA). What
  // the officer sends (representations, an appeal) goes to the vetting authority, who records
  // it, as does the appeal panel's finding.
  VETTING_REFERRED: 'appropriate-authority',
  VETTING_NOTICE_SERVED: 'vetting-authority',
  VETTING_REPRESENTATIONS_RECEIVED: 'vetting-authority',
  VETTING_OUTCOME_DECIDED: 'vetting-authority',
  VETTING_APPEAL_LODGED: 'vetting-authority',
  VETTING_APPEAL_DECIDED: 'vetting-authority',
  SUSPENSION_CONFIRMED_IN_WRITING: 'appropriate-authority',
  SUSPENSION_REPRESENTATIONS_RECEIVED: 'psd',
  SUSPENSION_REVIEWED: 'appropriate-authority',
  SUSPENSION_LIFTED: 'appropriate-authority',
  RESTRICTED: 'head-of-psd-or-above',
  RESTRICTION_REVIEWED: 'head-of-psd-or-above',
  RESTRICTION_LIFTED: 'head-of-psd-or-above',
  NO_RESTRICTION_DECIDED: 'head-of-psd-or-above',
  INVESTIGATOR_APPOINTED: 'appropriate-authority',
  EXTERNAL_FORCE_REQUESTED: 'head-of-psd-or-above',
  EXTERNAL_FORCE_RESPONDED: 'psd',
  EXTERNAL_PROGRESS_REVIEWED: 'head-of-psd-or-above',
  REG17_NOTICE_SERVED: 'psd',
  OFFICER_REPRESENTATIONS_RECEIVED: 'psd',
  REPRESENTATIONS_WINDOW_EXTENDED: 'psd',
  INTERVIEW_DATE_SET: 'psd',
  ALTERNATIVE_INTERVIEW_DATE_PROPOSED: 'psd',
  INTERVIEW_HELD: 'psd',
  CONDUCT_PAUSED: 'appropriate-authority',
  CONDUCT_RESUMED: 'appropriate-authority',
  FINAL_REPORT_SUBMITTED: 'psd',
  OVERRUN_REPORTED: 'appropriate-authority',
  CRIMINAL_DECISION_RECORDED: 'criminal-track',
  VICTIM_TOLD_OF_DECISION: 'criminal-track',
  VRR_INFO_SENT: 'criminal-track',
  PROTECTIVE_ORDERS_CONSIDERED: 'criminal-track',
  DVPN_SERVED: 'criminal-track',
  DVPO_DECIDED: 'criminal-track',
  DASH_ASSESSED: 'criminal-track',
  MARAC_REFERRED: 'criminal-track',
  CRIMINAL_CASE_CONCLUDED: 'criminal-track',
  SPOC_ASSIGNED: 'head-of-psd-or-above',
  VICTIM_UPDATE_SENT: 'victim-liaison',
  // The harm test is the appropriate authority's decision (CMR 34-35).
  HARM_TEST_EXCEPTION_RECORDED: 'appropriate-authority',
  HARM_TEST_EXCEPTION_ENDED: 'appropriate-authority',
  VICTIM_PREFERENCES_RECORDED: 'victim-liaison',
  OIC_CHANGE_REQUESTED: 'victim-liaison',
  OIC_CHANGE_DECIDED: 'head-of-psd-or-above',
  VICTIM_TOLD_OUTCOME: 'victim-liaison',
  CASE_TO_ANSWER_DECIDED: 'appropriate-authority',
  DOCUMENTS_SUPPLIED_TO_OFFICER: 'psd',
  OFFICER_RESPONSE_RECEIVED: 'psd',
  WITNESS_LISTS_SUPPLIED: 'psd',
  DOCUMENTS_SENT_TO_CHAIR: 'psd',
  PRE_HEARING_HELD: 'psd',
  MEETING_OR_HEARING_HELD: 'psd',
  // The chair or panel decides the outcome; PSD records it with the seriousness assessment.
  OUTCOME_RECORDED: 'psd',
  IOPC_NOTIFIED_OF_OUTCOME: 'psd',
  BOARD_REVIEW_HELD: 'appropriate-authority',
  CASE_CLOSED: 'head-of-psd-or-above',
};

/** The right a decision needs; an unknown type (never reaching the machine) needs the AA's. */
export function decisionRightFor(type: string): TDecisionRight {
  return (DECISION_RIGHTS as Record<string, TDecisionRight>)[type] ?? 'appropriate-authority';
}

/**
 * Who owes a clock whose meeting decision needs each right: its task, reminder and due notice
 * go to them (rules.md: "who acts"). Each is a part that holds the right: the case owner (PSD),
 * the assigned SPOC or criminal OIC (the owner until one is assigned), the AA or Head of PSD
 * who act for the case.
 */
export const DUTY_HOLDERS: Record<TDecisionRight, TRecipientRole> = {
  'appropriate-authority': 'appropriate-authority',
  'head-of-psd-or-above': 'head-of-psd',
  psd: 'case-owner',
  'victim-liaison': 'victim-spoc',
  'criminal-track': 'criminal-oic',
  'vetting-authority': 'vetting-authority',
};

/** The part that owes a clock met by `decisionType` (the case owner when none is named). */
export function dutyHolderOf(decisionType: string | undefined): TRecipientRole {
  return decisionType ? DUTY_HOLDERS[decisionRightFor(decisionType)] : 'case-owner';
}

/** Case roles that hold each right, most specific first; the first one held is recorded. */
function holders(right: TDecisionRight): TPersonRole[] {
  switch (right) {
    case 'appropriate-authority':
      return ['appropriate-authority'];
    case 'head-of-psd-or-above':
      return ['head-of-psd', 'appropriate-authority'];
    case 'psd':
      return ['investigator', 'psd-supervisor', 'head-of-psd', 'appropriate-authority'];
    case 'victim-liaison':
      return [
        'victim-spoc',
        'criminal-oic',
        'investigator',
        'psd-supervisor',
        'head-of-psd',
        'appropriate-authority',
      ];
    case 'criminal-track':
      return ['criminal-oic', 'investigator', 'head-of-psd'];
    // Only whoever acts as the case's vetting authority (the AA when no vetting manager can).
    case 'vetting-authority':
      return ['vetting-authority'];
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

/**
 * `gate.decision-rights` on one case: the decider's roles there (`caseRolesOf`: the AA's and
 * Head of PSD's parts belong to whoever acts for this case) must hold the decision's right.
 */
export function checkDecisionRights(input: {
  type: string;
  person: { id: string; roles: readonly string[] };
  parties: Pick<TCaseParties, 'actingFor'>;
}): TDecisionRightsResult {
  const right = decisionRightFor(input.type);
  const allowed = holders(right);
  const roles = caseRolesOf(input.person, input.parties);
  const role = allowed.find((candidate) => roles.includes(candidate));
  const { appropriateAuthority, headOfPsd } = input.parties.actingFor;
  const vettingAuthority = vettingAuthorityOf(input.parties.actingFor);
  if (role) {
    const acting =
      role === 'appropriate-authority'
        ? appropriateAuthority
        : role === 'head-of-psd'
          ? headOfPsd
          : role === 'vetting-authority'
            ? vettingAuthority
            : null;
    return {
      ok: true,
      authority: { role, right, basis: acting ? ACTING_BASIS_TEXT[acting.basis] : role },
    };
  }
  const named = (part: string, acting: TActing | null) =>
    acting
      ? `${part} for this case (${acting.personId}: ${ACTING_BASIS_TEXT[acting.basis]})`
      : `${part} for this case (nobody can be resolved: ops and the Head of PSD are alerted)`;
  const who = allowed
    .map((candidate) =>
      candidate === 'appropriate-authority'
        ? named('the appropriate authority', appropriateAuthority)
        : candidate === 'head-of-psd'
          ? named('the Head of PSD', headOfPsd)
          : candidate === 'vetting-authority'
            ? named('the vetting authority', vettingAuthority)
            : candidate,
    )
    .join(' or ');
  return {
    ok: false,
    gate: 'gate.decision-rights',
    reason: `${input.type} is a decision for ${who}; you hold ${roles.join(', ') || 'no role'} on it.`,
  };
}
