export { defaultAccessPolicy, type TAccessPolicy, ZAccessPolicy } from './access-policy.ts';
export {
  checkAppointment,
  checkExternalForce,
  EXTERNAL_ROUTE,
  type TAppointmentCheck,
} from './appointment.ts';
export {
  CASE_ACTIONS,
  canDo,
  decideCaseAccess,
  GLOBAL_ACTIONS,
  OVERSIGHT_ROLES,
  SEES_UNASSIGNED_ROLES,
  type TAccessDecision,
  type TAccessReason,
  type TCaseAccessInput,
  type TCaseAction,
  type TGlobalAction,
} from './case-access.ts';
export {
  checkDecisionRights,
  DECISION_RIGHTS,
  DUTY_HOLDERS,
  decisionRightFor,
  dutyHolderOf,
  type TAuthority,
  type TDecisionRight,
  type TDecisionRightsResult,
} from './decision-rights.ts';
export {
  restrictionAgainst,
  type TActing,
  type TActingBasis,
  type TActingFor,
  type TCaseParties,
  type TDirectoryEntry,
  type TRestriction,
} from './directory-entry.ts';
export { externalForceRequirement, type TExternalForceRequirement } from './external-force.ts';
export {
  checkInvestigatorIndependence,
  type TConflict,
  type TConflictCode,
  type TIndependenceInput,
} from './independence.ts';
export {
  decideRoleChange,
  OUTSIDE_FORCE_GIFT,
  PSD_ROLES,
  SINGULAR_ROLES,
  type TRoleChangeDecision,
  type TRoleChangeInput,
  type TRoleChangeRule,
} from './role-grants.ts';
export {
  ACTING_BASIS_TEXT,
  ACTING_ROLES,
  barredLineChain,
  caseRolesOf,
  isChiefConstable,
  type TWhoActsInput,
  vettingAuthorityOf,
  whoActsFor,
} from './who-acts.ts';
