import { Prisma } from './generated/prisma/client.ts';

/** Prisma's code for a unique-constraint violation, the same on PostgreSQL and PGlite. */
export const UNIQUE_VIOLATION = 'P2002';

/** True when a write failed on a unique constraint (e.g. an effect key that was already claimed). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === UNIQUE_VIOLATION;
}
