export {
  caseNotFound,
  type TAccessLogFilter,
  type TAccessRequest,
  type TPrincipal,
} from './access.ts';
export { accessPictureOf, type TAccessPicture } from './access-picture.ts';
export {
  DEFAULT_OVERLOAD_AT,
  type TAllocation,
  type TAllocationReason,
} from './allocation-queries.ts';
export { ASSIGNABLE_ROLES, type TAssignmentRole, ZAssignmentRole } from './assignments.ts';
export { auditPdf } from './audit-pdf.ts';
export type { TAuditReport } from './audit-report.ts';
export {
  AT_RISK_WORKING_DAYS,
  auditCsv,
  BOARD_INTERVAL_DAYS,
  boardPackCsv,
  boardPackPdf,
  type TBoardPack,
  type TBoardPackCase,
} from './board-pack.ts';
export {
  checkBankHolidays,
  parseBankHolidayFile,
  storeBankHolidays,
  type TDatasetImport,
  type TDatasetImportResult,
} from './calendar-datasets.ts';
export type { TCaseAffordances, TOpenDecision } from './case-affordances.ts';
export type { TCaseList, TCaseListQuery } from './case-list.ts';
export {
  loadOrCreateCheckpointSigner,
  merkleRoot,
  signerFromPrivateKey,
  type TCheckpoint,
  type TCheckpointConfig,
  type TCheckpointReport,
  verifyCheckpoint,
} from './chain-checkpoint.ts';
export {
  type Clock,
  clockFromConfig,
  isVirtualClock,
  systemClock,
  VirtualClock,
  wallDelayMs,
} from './clock.ts';
export type { TReplanReport } from './clock-replan.ts';
export { COMMAND_DATE_YEARS_AHEAD } from './command-dates.ts';
export { eventTypeOf, type TReportAllegation } from './commands.ts';
export { SYSTEM_ACTOR, type TActor, type TEngineDeps } from './deps.ts';
export {
  importDirectory,
  parseDirectoryFile,
  seedDirectory,
  type TDirectoryImport,
  type TDirectoryImportResult,
  type TImportOptions,
} from './directory.ts';
export {
  applyDirectoryChange,
  type TDirectoryChangeKind,
  type TDirectoryDeps,
  type TDirectorySource,
} from './directory-change.ts';
export type { TDirectoryChangeQuery } from './directory-queries.ts';
export { createEngine, type TEngine } from './engine.ts';
export type { TFireOutcome } from './fire-timer.ts';
export { GENESIS_HASH, hashEvent, hashedFieldsOf, type THashedEvent } from './hash-chain.ts';
export { createLogger } from './logger.ts';
export type { TOpsAction, TOpsLogEntry, TRetryOutcome } from './ops-commands.ts';
export { LATE_FIRE_MS, type TOpsGauges } from './ops-gauges.ts';
export { loadPolicyPack } from './policy-file.ts';
export type { TReconcileReport } from './reconciler.ts';
export { changeRole, type TRoleChange, type TRoleChangeResult } from './role-change.ts';
export { openRuntime, type TRuntime, type TRuntimeOptions } from './runtime.ts';
export {
  checkpointFromConfig,
  runtimeOptionsFromConfig,
  type TRuntimeParts,
} from './runtime-config.ts';
export type { TSendOutcome } from './send-notification.ts';
export {
  checkStatisticsPeriod,
  STATISTICS_COLUMNS,
  STATISTICS_STEPS,
  statisticsCsv,
  type TStatisticsExport,
  type TStatisticsRow,
} from './statistics-export.ts';
export {
  type TBrokenLink,
  type TChainReport,
  verifyAllCases,
  verifyCaseChain,
} from './verify-chain.ts';
export { type TVictimDetails, ZVictimDetails } from './victim-record.ts';
export {
  createVictimVault,
  loadOrCreateVictimKey,
  type TSealed,
  type TVictimVault,
  VictimVaultError,
} from './victim-vault.ts';
export { createTimeMachine, SettleTimeout, type TTimeMachine } from './virtual-time.ts';
