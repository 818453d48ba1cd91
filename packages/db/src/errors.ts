/**
 * Why a database operation failed.
 * - `unsupported-url`: a url was given that is not `postgres://` / `postgresql://`.
 * - `no-database`: neither a url nor a PGlite directory was given.
 * - `migrations-missing`: the migrations folder could not be read.
 * - `migration-failed`: a migration's SQL failed; its transaction was rolled back.
 * - `migration-incomplete`: `_prisma_migrations` records a started-but-unfinished migration
 *   (left by `prisma migrate deploy`, which does not use one transaction); resolve it by hand.
 * - `migration-modified`: an applied migration's file no longer matches its checksum.
 */
export type DbErrorCode =
  | 'unsupported-url'
  | 'no-database'
  | 'migrations-missing'
  | 'migration-failed'
  | 'migration-incomplete'
  | 'migration-modified';

export class DbError extends Error {
  override readonly name = 'DbError';
  constructor(
    readonly code: DbErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
