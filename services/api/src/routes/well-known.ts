import type { JSONWebKeySet } from '@ppda/auth';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The local issuer's public keys, so other services can verify its demo tokens. */
export function jwksRoutes(jwks: JSONWebKeySet): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/.well-known/jwks.json',
      {
        schema: { summary: "The local token issuer's public keys", tags: ['auth'] },
        config: { public: true },
      },
      async () => jwks,
    );
  };
}
