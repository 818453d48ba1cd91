export { DbError, type DbErrorCode } from './errors.ts';
export type {
  AccessLogEntry,
  Association,
  BankHolidayDataset,
  Case,
  CaseAssignment,
  CaseEvent,
  DirectoryChange,
  Notification,
  OutboxEntry,
  Person,
  Task,
  Timer,
  VictimRecord,
} from './generated/prisma/client.ts';
export { Prisma, PrismaClient } from './generated/prisma/client.ts';
export {
  type MigrateOptions,
  type Migration,
  type MigrationConnection,
  migrate,
  pgliteMigrationConnection,
  pgMigrationConnection,
  type SqlSession,
} from './migrate.ts';
export {
  type Database,
  type DatabaseKind,
  type OpenDatabaseOptions,
  openDatabase,
  type Tx,
} from './open-database.ts';
export { isUniqueViolation, UNIQUE_VIOLATION } from './prisma-errors.ts';
export { type TSql, violatedUniqueConstraint } from './sql.ts';
