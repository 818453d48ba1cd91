import { AuthError, bearerToken, type TTokenVerifier } from '@ppda/auth';
import { AppError } from '@ppda/domain';
import type { TActor, TPrincipal } from '@ppda/engine';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendAppError } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated directory person; null only on public routes. */
    principal: TPrincipal | null;
  }
  interface FastifyContextConfig {
    /** Served without a token: health, the OpenAPI document, the JWKS. */
    public?: boolean;
  }
}

/**
 * Every route but the public ones needs a bearer token whose person claim names someone in
 * the directory. Roles come from the directory, not the token: the directory is the truth.
 */
export function registerAuthentication(
  app: FastifyInstance,
  deps: {
    verifier: TTokenVerifier;
    principalOf: (personId: string) => Promise<TPrincipal | undefined>;
  },
): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config.public) return;
    try {
      const { personId } = await deps.verifier.verify(bearerToken(request.headers.authorization));
      const principal = await deps.principalOf(personId);
      if (!principal) {
        // A leaver is not found either: their access ends when the feed marks them.
        throw new AuthError('invalid-token', 'the token names no active person in the directory');
      }
      request.principal = principal;
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      request.log.warn(
        { code: error.code, reason: error.reason, url: request.routeOptions.url },
        'request not authenticated',
      );
      reply.header('www-authenticate', 'Bearer');
      // Answered here, not thrown: plugins with their own error handler (Bull Board) too.
      return sendAppError(
        reply,
        error.code === 'issuer-unavailable'
          ? new AppError('unavailable', 'the token issuer cannot be reached; retry')
          : new AppError('unauthenticated', error.message),
      );
    }
  });
}

export function principalOf(request: FastifyRequest): TPrincipal {
  if (!request.principal)
    throw new AppError('unauthenticated', 'send Authorization: Bearer <token>');
  return request.principal;
}

/** The engine's actor: the person, with all their roles for decision rights to choose from. */
export function actorOf(request: FastifyRequest): TActor {
  const { id, roles } = principalOf(request);
  return { id, role: roles[0] ?? 'none', roles };
}

/** Where a request came from, for the access log: the route pattern, never its ids. */
export function accessRequestOf(request: FastifyRequest) {
  return { route: request.routeOptions.url ?? request.url, method: request.method };
}
