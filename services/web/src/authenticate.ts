import { AppError } from '@ppda/domain';
import type { TEngine, TPrincipal } from '@ppda/engine';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** A signed-in directory person: roles from the directory on every request, never the session. */
export interface TWebPrincipal extends TPrincipal {
  displayName: string;
}

declare module 'fastify' {
  interface Session {
    /** The directory person this session signed in as. */
    personId?: string;
    /** An OIDC sign-in in flight: PKCE verifier, state and nonce, and where to go after. */
    oidc?: { codeVerifier: string; state: string; nonce: string; returnTo: string };
    /** A form's answers and errors, kept across the redirect back to it (post/redirect/get). */
    flash?: {
      path: string;
      answers: Record<string, unknown>;
      errors?: { name: string; href: string; text: string }[];
      refusal?: { gate: string; reason: string; code: string };
    };
    /** A one-off confirmation for the next page (a decision recorded). */
    notice?: string;
  }
  interface FastifyRequest {
    webPrincipal: TWebPrincipal | null;
    taskCount: number | undefined;
    /** The person's open tasks as read for the header's count; the inbox reuses them. */
    openTasks: Awaited<ReturnType<TEngine['listOpenTasks']>> | undefined;
  }
  interface FastifyContextConfig {
    /** Served without signing in: sign-in pages and assets. */
    public?: boolean;
  }
}

/**
 * Every page but sign-in and assets needs a session naming an active directory person. A
 * leaver's session ends at their next request; roles are read from the directory each time.
 */
export function registerWebAuthentication(app: FastifyInstance, engine: TEngine): void {
  app.decorateRequest('webPrincipal', null);
  app.decorateRequest('taskCount', undefined);
  app.decorateRequest('openTasks', undefined);
  app.addHook('preHandler', async (request, reply) => {
    if (request.routeOptions.config.public || /^\/(assets|static)\//.test(request.url)) return;
    const personId = request.session.personId;
    const principal = personId ? await engine.principalOf(personId) : undefined;
    if (!principal) {
      if (personId) await request.session.destroy();
      const returnTo = request.method === 'GET' ? request.url : '/';
      return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`, 303);
    }
    const person = await engine.deps.prisma.person.findUnique({
      where: { id: principal.id },
      select: { displayName: true },
    });
    request.webPrincipal = { ...principal, displayName: person?.displayName ?? principal.id };
    request.openTasks = await engine.listOpenTasks(principal.id, principal);
    request.taskCount = request.openTasks.length;
  });
}

export function webPrincipalOf(request: FastifyRequest): TWebPrincipal {
  if (!request.webPrincipal) throw new AppError('unauthenticated', 'sign in');
  return request.webPrincipal;
}

/** Where a page came from, for the access log: the route pattern, never its ids. */
export function accessRequestOf(request: FastifyRequest) {
  return { route: `web ${request.routeOptions.url ?? request.url}`, method: request.method };
}

/** The engine's actor for a decision: the person with all their roles. */
export function actorOf(request: FastifyRequest) {
  const { id, roles } = webPrincipalOf(request);
  return { id, role: roles[0] ?? 'none', roles };
}

/** A local path to return to after sign-in; anything else goes home. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';
}
