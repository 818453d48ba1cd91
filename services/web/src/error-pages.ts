import { AppError } from '@ppda/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { render } from './views.ts';

/**
 * Errors as pages. A case that does not exist and a case kept from the reader both arrive here
 * as the engine's one `not-found` and get the same page, with nothing from the request in it.
 */
export function registerErrorPages(app: FastifyInstance): void {
  app.setNotFoundHandler(async (request, reply) => render(request, reply, 'not-found', {}, 404));
  app.setErrorHandler(async (error: FastifyError, request, reply) =>
    errorPage(request, reply, error),
  );
}

/** The page for an error (also for hooks answering in a context with its own error handler). */
export async function errorPage(
  request: FastifyRequest,
  reply: FastifyReply,
  error: FastifyError | AppError,
) {
  if (error instanceof AppError) {
    switch (error.code) {
      case 'not-found':
        return render(request, reply, 'not-found', {}, 404);
      case 'forbidden':
        return render(request, reply, 'forbidden', {}, 403);
      case 'unauthenticated':
        return reply.redirect('/sign-in', 303);
      case 'unavailable':
        return render(request, reply, 'problem', { retry: true }, 503);
      default:
        return render(request, reply, 'problem', { message: error.message }, 400);
    }
  }
  if (error.code?.startsWith('FST_CSRF')) {
    request.log.warn({ code: error.code, url: request.url }, 'form refused: csrf');
    return render(request, reply, 'form-expired', {}, 403);
  }
  if (error.statusCode && error.statusCode < 500) {
    return render(request, reply, 'problem', { message: error.message }, error.statusCode);
  }
  request.log.error({ err: error }, 'unhandled error');
  return render(request, reply, 'problem', {}, 500);
}
