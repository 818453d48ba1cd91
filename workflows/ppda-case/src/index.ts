export {
  activeClocks,
  applyEvent,
  describeState,
  persistCase,
  restoreCase,
  startCase,
  type TApplyResult,
  type TCaseSnapshot,
} from './case-logic.ts';
export {
  ladderFor,
  scheduleClock,
  type TClockSchedule,
  type TScheduledRung,
} from './clock-schedule.ts';
export {
  REFERRAL_CRITERIA,
  type TCaseEvent,
  type TCaseInput,
  type TClockRungEvent,
  type TDecision,
  type TDecisionType,
  type TReferralCriterion,
  ZCaseInput,
  ZDecision,
  ZReferralCriterion,
} from './events.ts';
export { checkGates, type TGateResult } from './gates.ts';
export {
  MACHINE_ID,
  MACHINE_VERSION,
  ppdaCaseMachine,
  type TCaseContext,
  type TPpdaCaseMachine,
} from './machine.ts';
export {
  defaultPolicyPack,
  findRule,
  type TPolicyPack,
  type TRule,
  type TRungSpec,
  ZPolicyPack,
  ZRule,
} from './policy-pack.ts';
