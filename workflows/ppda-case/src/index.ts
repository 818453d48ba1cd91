export {
  AUDIT_CHECKS,
  auditFindings,
  ENFORCED_BY_GATES,
  type TAuditCheck,
  type TAuditHistory,
} from './audit.ts';
export {
  CONDUCT_DATE_SOURCES,
  explainProvisions,
  explainVersion,
  lawOfCase,
  resolveRule,
  runsProvision,
  type TCaseLaw,
  type TLawDates,
  type TLawForRules,
  type TRuleVersionExplained,
  ZCaseLaw,
  ZConductDateSource,
} from './case-law.ts';
export {
  acceptedDecisionTypes,
  activeClocks,
  applyEvent,
  describeState,
  persistCase,
  restoreCase,
  startCase,
  type TActiveClock,
  type TApplyResult,
  type TCaseSnapshot,
} from './case-logic.ts';
export { CLOCK_DUTIES, clockDutyOf } from './clock-duties.ts';
export {
  ladderFor,
  scheduleClock,
  type TClockSchedule,
  type TScheduledRung,
} from './clock-schedule.ts';
export type { TCaseContext, TClockSettings } from './context.ts';
export {
  COUNTINGS_BY_UNIT,
  countingWindow,
  dueAtFor,
  londonDateOf,
  type TCounting,
  ZCounting,
} from './counting.ts';
export { toMermaid, withDiagram } from './diagram.ts';
export {
  CRIMINAL_KEY_DECISIONS,
  DECISION_TYPES,
  REFERRAL_CRITERIA,
  type TCaseEvent,
  type TCaseInput,
  type TCheckedFacts,
  type TClockRungEvent,
  type TDecision,
  type TDecisionType,
  type TInternalEvent,
  type TReferralCriterion,
  type TSubjectProfile,
  ZCaseInput,
  ZDecision,
  ZReferralCriterion,
  ZSubjectProfile,
} from './events.ts';
export {
  applyForcePolicy,
  PolicyOverrideError,
  type TForcePolicy,
  ZForcePolicy,
} from './force-policy.ts';
export {
  checkGates,
  closureBlockers,
  GATE_IDS,
  type TGateId,
  type TGateResult,
} from './gates.ts';
export {
  MACHINE_ID,
  MACHINE_VERSION,
  ppdaCaseMachine,
  type TClockDeclaration,
  type TPpdaCaseMachine,
  type TStateMeta,
} from './machine.ts';
export { migrateSnapshot, SnapshotVersionError } from './migrations/index.ts';
export {
  appliesOn,
  defaultPolicyPack,
  findRule,
  IN_FORCE_2026,
  LISTED_OFFENCES_UNVERIFIED,
  type TPolicyPack,
  type TPolicyPackInput,
  type TProvision,
  type TRule,
  type TRungSpec,
  versionKeyOf,
  ZPolicyPack,
  ZProvision,
  ZRule,
} from './policy-pack.ts';
export { clockStateNodes, ruleOf, WHILE_OPEN_CLOCKS } from './state-clocks.ts';
