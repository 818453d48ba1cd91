import { fileURLToPath } from 'node:url';
import view from '@fastify/view';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import nunjucks from 'nunjucks';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** govuk-frontend's and MoJ Frontend's Nunjucks and dist assets, from node_modules. */
export const FRONTEND = {
  govukDist: here('../node_modules/govuk-frontend/dist/'),
  mojRoot: here('../node_modules/@ministryofjustice/frontend/'),
};

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const LONDON_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "3 March 2025" (or with the time), in UK time, for dates the engine gives as ISO. */
function formatDate(iso: unknown, withTime = false): string {
  if (typeof iso !== 'string' && !(iso instanceof Date)) return '';
  const date = new Date(iso);
  return (withTime ? LONDON_TIME : LONDON).format(date);
}

declare module 'fastify' {
  interface FastifyReply {
    /** Nunjucks pages (`@fastify/view` under another name: the mounted Bull Board has `view`). */
    page: FastifyReply['view'];
  }
}

export async function registerViews(app: FastifyInstance): Promise<void> {
  await app.register(view, {
    // Bull Board, mounted for ops, registers its own `@fastify/view` (EJS) in its context.
    propertyName: 'page',
    engine: { nunjucks },
    templates: [here('./views/'), FRONTEND.govukDist, FRONTEND.mojRoot],
    options: {
      onConfigure: (env: nunjucks.Environment) => {
        env.addFilter('date', (iso: unknown) => formatDate(iso));
        env.addFilter('dateTime', (iso: unknown) => formatDate(iso, true));
        // MoJ timeline's own filter: `datetime`, `date`, `time`…
        env.addFilter('mojDate', (iso: unknown, type: string) =>
          formatDate(iso, type === 'datetime'),
        );
        env.addFilter('words', (name: unknown) => {
          const text = String(name ?? '')
            .replace(/([a-z])([A-Z])/g, '$1 $2')
            .replaceAll(/[-_.]/g, ' ')
            .toLowerCase();
          return text.charAt(0).toUpperCase() + text.slice(1);
        });
      },
    },
  });
}

/** Render a page with the layout's globals: the CSP nonce, the CSRF token, who is signed in. */
export async function render(
  request: FastifyRequest,
  reply: FastifyReply,
  template: string,
  data: Record<string, unknown>,
  status = 200,
) {
  const nonce = (reply as FastifyReply & { cspNonce?: { script: string } }).cspNonce?.script;
  const csrfToken = request.session ? reply.generateCsrf() : undefined;
  reply.code(status).header('cache-control', 'no-store');
  return reply.page(`pages/${template}.njk`, {
    ...data,
    cspNonce: nonce,
    csrfToken,
    principal: request.webPrincipal ?? undefined,
    taskCount: request.taskCount,
    currentPath: request.url.split('?')[0],
  });
}
