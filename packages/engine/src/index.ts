export { accessPictureOf, type TAccessPicture } from './access/access-picture.ts';
export {
  caseNotFound,
  type TAccessLogFilter,
  type TAccessRequest,
  type TPrincipal,
} from './access/authorize.ts';
export { type TVictimDetails, ZVictimDetails } from './access/victim-record.ts';
export {
  createVictimVault,
  loadOrCreateVictimKey,
  type TSealed,
  type TVictimVault,
  VictimVaultError,
} from './access/victim-vault.ts';
export {
  applyDirectoryChange,
  type TDirectoryChangeKind,
  type TDirectoryDeps,
  type TDirectorySource,
} from './directory/directory-change.ts';
export {
  importDirectory,
  parseDirectoryFile,
  seedDirectory,
  type TDirectoryImport,
  type TDirectoryImportResult,
  type TImportOptions,
} from './directory/directory-import.ts';
export type { TDirectoryChangeQuery } from './directory/directory-queries.ts';
export { changeRole, type TRoleChange, type TRoleChangeResult } from './directory/role-change.ts';
export { createEngine, type TEngine } from './engine.ts';
export type { TSendOutcome } from './mail/send-notification.ts';
export {
  DEFAULT_OVERLOAD_AT,
  type TAllocation,
  type TAllocationReason,
} from './read/allocation-queries.ts';
export type { TAuditReport } from './read/audit-report.ts';
export {
  AT_RISK_WORKING_DAYS,
  BOARD_INTERVAL_DAYS,
  type TBoardPack,
  type TBoardPackCase,
} from './read/board-pack.ts';
export type { TCaseAffordances, TOpenDecision } from './read/case-affordances.ts';
export type { TCaseList, TCaseListQuery } from './read/case-list.ts';
export {
  REPORT_FILES,
  reportFile,
  type TReportFiles,
  type TReportFormat,
} from './read/report-files.ts';
export {
  checkStatisticsPeriod,
  STATISTICS_COLUMNS,
  STATISTICS_STEPS,
  type TStatisticsExport,
  type TStatisticsRow,
} from './read/statistics-export.ts';
export {
  type TBrokenLink,
  type TChainReport,
  verifyAllCases,
  verifyCaseChain,
} from './read/verify-chain.ts';
export {
  checkBankHolidays,
  parseBankHolidayFile,
  storeBankHolidays,
  type TDatasetImport,
  type TDatasetImportResult,
} from './runtime/calendar-datasets.ts';
export {
  loadOrCreateCheckpointSigner,
  merkleRoot,
  signerFromPrivateKey,
  type TCheckpoint,
  type TCheckpointConfig,
  type TCheckpointReport,
  verifyCheckpoint,
} from './runtime/chain-checkpoint.ts';
export { SYSTEM_ACTOR, type TActor, type TEngineDeps } from './runtime/deps.ts';
export { createLogger } from './runtime/logger.ts';
export type { TRetryOutcome } from './runtime/ops-commands.ts';
export { LATE_FIRE_MS, type TOpsGauges } from './runtime/ops-gauges.ts';
export type { TOpsAction, TOpsLogEntry } from './runtime/ops-log.ts';
export { loadPolicyPack } from './runtime/policy-file.ts';
export type { TReconcileReport } from './runtime/reconciler.ts';
export { openRuntime, type TRuntime, type TRuntimeOptions } from './runtime/runtime.ts';
export {
  checkpointFromConfig,
  runtimeOptionsFromConfig,
  type TRuntimeParts,
} from './runtime/runtime-config.ts';
export {
  type Clock,
  clockFromConfig,
  isVirtualClock,
  systemClock,
  VirtualClock,
  wallDelayMs,
} from './runtime/time-source.ts';
export { createTimeMachine, SettleTimeout, type TTimeMachine } from './runtime/virtual-time.ts';
export type { TFireOutcome } from './timers/fire-rung.ts';
export type { TReplanReport } from './timers/replan.ts';
export { ASSIGNABLE_ROLES, type TAssignmentRole, ZAssignmentRole } from './write/assignments.ts';
export { eventTypeOf } from './write/chain-event.ts';
export { COMMAND_DATE_YEARS_AHEAD } from './write/command-dates.ts';
export type { TReportAllegation } from './write/commands.ts';
export { GENESIS_HASH, hashEvent, hashedFieldsOf, type THashedEvent } from './write/hash-chain.ts';
