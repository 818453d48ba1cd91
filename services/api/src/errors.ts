import { AppError, type TAppErrorCode, type TIssue } from '@ppda/domain';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

const STATUS: Record<TAppErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  'gate-refused': 422,
  'not-allowed-now': 409,
  conflict: 409,
  unavailable: 503,
};

/** The standard body for a typed error, for hooks that answer directly. */
export function sendAppError(reply: FastifyReply, error: AppError) {
  return reply.code(STATUS[error.code]).send({
    error: error.code,
    message: error.message,
    ...(error.details.gate ? { gate: error.details.gate } : {}),
    ...(error.details.issues ? { issues: error.details.issues } : {}),
  });
}

/** One error shape for every route: `{ error, message, issues? , gate? }`. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const issues: TIssue[] = error.validation.map((issue) => ({
        field: [where, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
        rule: issue.keyword,
        message: issue.message ?? 'invalid',
      }));
      return reply.code(400).send({
        error: 'validation',
        message: issues
          .map((issue) => `${issue.field}: ${issue.message} (${issue.rule})`)
          .join('; '),
        issues,
      });
    }
    if (error instanceof AppError) return sendAppError(reply, error);
    // The engine retried a lost optimistic-concurrency race and kept losing (many writers on
    // one case): nothing was written, and the caller may retry.
    if (error.name === 'VersionConflict') {
      return sendAppError(reply, new AppError('conflict', `${error.message}; retry`));
    }
    if (error.statusCode && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ error: 'bad-request', message: error.message });
    }
    if (isUnavailable(error)) {
      request.log.error({ err: error }, 'backing service unavailable');
      return reply
        .code(503)
        .send({ error: 'unavailable', message: 'a backing service is unavailable; retry' });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });
}

const SERVER_UNAVAILABLE = /^(08\w{3}|57P0[1-3])$/;

/** Database or Redis down: the caller should retry, not report a bug. */
export function isUnavailable(error: Error & { code?: string }): boolean {
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'P1001', 'P1017', 'P2024'].includes(error.code ?? '') ||
    // ioredis, fail-fast producer (no offline queue) while Redis is down or reconnecting.
    error.name === 'MaxRetriesPerRequestError' ||
    /ECONNREFUSED|Connection is closed|Stream isn't writeable|terminating connection|Connection terminated|not queryable/.test(
      error.message,
    ) ||
    // PostgreSQL's SQLSTATE (from `pg`, or wrapped in Prisma's P2039): class 08 is a lost
    // connection, 57P01-03 a server shutting down, crashed or still starting (a restart).
    SERVER_UNAVAILABLE.test(error.code ?? '') ||
    /Code: `(08\w{3}|57P0[1-3])`/.test(error.message)
  );
}
