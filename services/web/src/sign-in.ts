import { AppError } from '@ppda/domain';
import type { TEngine } from '@ppda/engine';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import { z } from 'zod';
import { safeReturnTo } from './authenticate.ts';
import { render } from './views.ts';

/**
 * How people sign in. `demo`: a page listing the directory (the embedded default with the
 * local token issuer; answered on loopback only). `oidc`: authorization code with PKCE, state
 * and nonce at the force's identity provider; the person is the id token's `personClaim`.
 */
export type TSignIn =
  | { kind: 'demo' }
  | {
      kind: 'oidc';
      issuer: string;
      clientId: string;
      clientSecret?: string | undefined;
      /** This application's `/auth/callback`, as registered with the provider. */
      redirectUri: string;
      personClaim: string;
      /**
       * Lets discovery and the code exchange use plain http, for a provider on loopback in
       * tests only. Never set from config; refused for any other issuer host.
       */
      allowInsecureRequests?: boolean;
    };

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);
const isLoopback = (request: FastifyRequest) => LOOPBACK.has(request.socket.remoteAddress ?? '');

const ZDemoSignIn = z.object({ personId: z.string().min(1), returnTo: z.string().optional() });

/** The demo directory as GOV.UK radio items: name and id, roles as the hint. */
const personItems = (people: { id: string; displayName: string; roles: string[] }[]) =>
  people.map((person) => ({
    value: person.id,
    text: `${person.displayName} (${person.id})`,
    hint: { text: person.roles.join(', ') || 'no role' },
  }));

export function signInRoutes(engine: TEngine, signIn: TSignIn): FastifyPluginAsync {
  return async (app) => {
    let discovered: Promise<oidc.Configuration> | undefined;
    const oidcConfig = () => {
      if (signIn.kind !== 'oidc') throw new Error('OIDC is not configured');
      const issuer = new URL(signIn.issuer);
      if (signIn.allowInsecureRequests && !LOOPBACK_HOSTS.has(issuer.hostname)) {
        throw new Error(
          `allowInsecureRequests: only for an issuer on loopback, not ${issuer.host}`,
        );
      }
      const options = signIn.allowInsecureRequests
        ? { execute: [oidc.allowInsecureRequests] }
        : undefined;
      discovered ??= oidc
        .discovery(issuer, signIn.clientId, signIn.clientSecret, undefined, options)
        .catch((error: unknown) => {
          // Unreachable provider: the next sign-in tries again, and this one is told to retry
          // (503), not shown a 500 as if the web application had failed.
          discovered = undefined;
          throw new AppError('unavailable', 'the sign-in provider cannot be reached; retry', {
            state: { cause: error instanceof Error ? error.message : String(error) },
          });
        });
      return discovered;
    };

    app.get('/sign-in', { config: { public: true } }, async (request, reply) => {
      const returnTo = safeReturnTo((request.query as { returnTo?: string }).returnTo);
      if (signIn.kind === 'oidc') {
        const config = await oidcConfig();
        const codeVerifier = oidc.randomPKCECodeVerifier();
        const state = oidc.randomState();
        const nonce = oidc.randomNonce();
        request.session.oidc = { codeVerifier, state, nonce, returnTo };
        const url = oidc.buildAuthorizationUrl(config, {
          redirect_uri: signIn.redirectUri,
          scope: 'openid profile email',
          code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
          code_challenge_method: 'S256',
          state,
          nonce,
        });
        return reply.redirect(url.href, 303);
      }
      if (!isLoopback(request)) return render(request, reply, 'forbidden', {}, 403);
      const people = await engine.deps.prisma.person.findMany({
        where: { leftAt: null },
        orderBy: { id: 'asc' },
        select: { id: true, displayName: true, roles: true, rank: true },
      });
      return render(request, reply, 'sign-in', { items: personItems(people), returnTo });
    });

    app.post('/sign-in', { config: { public: true } }, async (request, reply) => {
      if (signIn.kind !== 'demo' || !isLoopback(request)) {
        return render(request, reply, 'forbidden', {}, 403);
      }
      const parsed = ZDemoSignIn.safeParse(request.body);
      const principal = parsed.success ? await engine.principalOf(parsed.data.personId) : undefined;
      if (!parsed.success || !principal) {
        return render(
          request,
          reply,
          'sign-in',
          {
            items: personItems(
              await engine.deps.prisma.person.findMany({
                where: { leftAt: null },
                orderBy: { id: 'asc' },
                select: { id: true, displayName: true, roles: true, rank: true },
              }),
            ),
            errors: [{ href: '#personId', text: 'Select who you are signing in as' }],
          },
          400,
        );
      }
      // A new session id at sign-in: a session fixed before it is worth nothing after.
      await request.session.regenerate();
      request.session.personId = principal.id;
      return reply.redirect(safeReturnTo(parsed.data.returnTo), 303);
    });

    app.get('/auth/callback', { config: { public: true } }, async (request, reply) => {
      const pending = request.session.oidc;
      if (signIn.kind !== 'oidc' || !pending) return reply.redirect('/sign-in', 303);
      // One callback per sign-in started: a second one (a replay) finds nothing pending.
      request.session.oidc = undefined;
      const config = await oidcConfig();
      const current = new URL(request.url, signIn.redirectUri);
      let claims: oidc.IDToken | undefined;
      try {
        const tokens = await oidc.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims();
      } catch (error) {
        // A wrong state, a used or stolen code, a bad id token, the provider's own refusal.
        const { name, code, error: oauthError } = error as Record<string, unknown>;
        request.log.warn({ name, code, oauthError }, 'sign-in refused at the callback');
        return render(request, reply, 'sign-in-failed', {}, 403);
      }
      const personId = claims?.[signIn.personClaim];
      const principal =
        typeof personId === 'string' ? await engine.principalOf(personId) : undefined;
      if (!principal) return render(request, reply, 'not-in-directory', {}, 403);
      await request.session.regenerate();
      request.session.personId = principal.id;
      return reply.redirect(pending.returnTo, 303);
    });

    app.post('/sign-out', { config: { public: true } }, async (request, reply) => {
      await request.session.destroy();
      return reply.redirect('/signed-out', 303);
    });

    app.get('/signed-out', { config: { public: true } }, async (request, reply) =>
      render(request, reply, 'signed-out', {}),
    );
  };
}
