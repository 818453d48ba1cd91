import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Security headers on every answer (`@fastify/helmet`): a CSP that allows only this origin's
 * scripts (Bull Board's UI included) and no framing (`frame-ancestors 'none'`), nosniff, no
 * referrer; HSTS only in production, where TLS is terminated in front of the engine (on a
 * developer's http://127.0.0.1 it would pin the browser to https for a year).
 *
 * And `Cache-Control: no-store` on everything behind a token: case, victim and personal data
 * must not be kept by a browser or a proxy cache. Public routes (health, OpenAPI, JWKS) and
 * Bull Board's static assets may be cached.
 */
export async function registerSecurityHeaders(
  app: FastifyInstance,
  { production }: { production: boolean },
): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'frame-ancestors': ["'none'"],
        'upgrade-insecure-requests': production ? [] : null,
      },
    },
    frameguard: { action: 'deny' },
    hsts: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const route = request.routeOptions;
    const cacheable = route.config?.public === true || request.url.includes('/static/');
    if (!cacheable) reply.header('cache-control', 'no-store');
    return payload;
  });
}
