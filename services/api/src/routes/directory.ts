import { AppError, ZPersonId, ZPersonRole } from '@ppda/domain';
import { parseDirectoryFile, type TEngine } from '@ppda/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessRequestOf, principalOf } from '../authenticate.ts';

const ZRoleChangeBody = z.strictObject({
  action: z.enum(['grant', 'revoke']),
  role: ZPersonRole,
  rationale: z
    .string()
    .trim()
    .min(10, 'a rationale of at least 10 characters')
    .max(2000)
    .describe('Why: recorded with the change and on every case it moves'),
});

const ZChangesQuery = z.strictObject({
  personId: ZPersonId.optional(),
  since: z.iso.datetime({ offset: true }).optional().describe('Changes at or after this instant'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'nextCursor from the page before')
    .optional(),
});

/**
 * The directory over HTTP: the HR feed (ops and the AA; never roles), role grants (the AA or
 * chief constable; PSD roles also the Head of PSD; never your own), the versioned change log
 * and the leavers whose work needs reassigning.
 */
export function directoryRoutes(engine: TEngine): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser(
      'text/csv',
      { parseAs: 'string', bodyLimit: 10 * 1024 * 1024 },
      (_request, body, done) => done(null, body),
    );
    app.post(
      '/directory/import',
      {
        schema: {
          summary:
            'The HR feed: import people and declared associations (JSON or CSV), all or nothing',
          description:
            'JSON: an array of people, or { people, associations }. text/csv: a header row; people `id,displayName,email,roles,rank,force,department,team,lineManagerId,leftAt` (roles separated by ;), or associations `personId,associateId,reason,withdrawnAt`. The feed changes people, structure and leavers, never roles: a row whose roles differ from what the person holds (a new person with roles included) is refused (rule role-grant); leave roles out. A leaver (leftAt) is deactivated at once and loses their roles. Any bad row: 400 listing every problem with its row, field and rule; nothing is written. Every change is versioned, and a live case whose barred people or actors move records it. Ops and the AA.',
          tags: ['commands'],
        },
        bodyLimit: 10 * 1024 * 1024,
      },
      async (request) => {
        const principal = principalOf(request);
        await engine.authorizeAction(principal, 'directory.import', accessRequestOf(request));
        const isCsv = (request.headers['content-type'] ?? '').startsWith('text/csv');
        if (isCsv && typeof request.body !== 'string') {
          throw new AppError('validation', 'body: a CSV text', {
            issues: [{ field: 'body', rule: 'csv', message: 'a CSV text' }],
          });
        }
        const input = isCsv
          ? parseDirectoryFile(request.body as string, 'csv')
          : parseDirectoryFile(JSON.stringify(request.body ?? null), 'json');
        return engine.importDirectory(input, { actorId: principal.id });
      },
    );

    app.post(
      '/directory/people/:personId/roles',
      {
        schema: {
          summary: "Grant or revoke one of a person's directory roles, with a rationale",
          description:
            "The AA or the chief constable for any role in the force's gift; the Head of PSD for investigator and psd-supervisor. Refused: your own roles (403 directory.self-grant), pcc and chief-constable (403 directory.outside-gift: bootstrap only), a role beyond your authority (403 directory.grant-authority), a grant to a leaver (422 directory.leaver), no change (422 directory.no-change). A singular role (appropriate-authority, head-of-psd) moves: its holder loses it in the same change. Versioned, and recorded on every live case whose actors it moves.",
          tags: ['commands'],
          params: z.object({ personId: ZPersonId }),
          body: ZRoleChangeBody,
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await engine.authorizeAction(principal, 'directory.roles', accessRequestOf(request));
        return engine.changeRole(principal, { personId: request.params.personId, ...request.body });
      },
    );

    app.get(
      '/directory/changes',
      {
        schema: {
          summary: 'Every directory change, versioned: who, when, source, before and after',
          description:
            'Oldest first, a keyset page at a time (nextCursor). Sources: hr-feed, role-grant, bootstrap. The AA, the chief constable and oversight (pcc, oversight, auditor, iopc).',
          tags: ['queries'],
          querystring: ZChangesQuery,
        },
      },
      async (request) => {
        await engine.authorizeAction(
          principalOf(request),
          'directory.changes',
          accessRequestOf(request),
        );
        const { since, ...query } = request.query;
        return engine.listDirectoryChanges({
          ...query,
          since: since ? new Date(since) : undefined,
        });
      },
    );

    app.get(
      '/directory/leavers',
      {
        schema: {
          summary: 'Leavers and the live work they leave: cases, assignments, open tasks',
          description:
            'For reassignment. Cases kept from you (gate.access) are left out. The AA and the Head of PSD.',
          tags: ['queries'],
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await engine.authorizeAction(principal, 'directory.leavers', accessRequestOf(request));
        return engine.listLeavers(principal);
      },
    );
  };
}
