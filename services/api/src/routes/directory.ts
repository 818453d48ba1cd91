import { AppError } from '@ppda/domain';
import { parseDirectoryFile, type TEngine } from '@ppda/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accessRequestOf, principalOf } from '../authenticate.ts';

/** Directory import over HTTP, for ops and the AA: the same all-or-nothing import as the CLI. */
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
          summary: 'Import people and declared associations (JSON or CSV), all or nothing',
          description:
            'JSON: an array of people, or { people, associations }. text/csv: a header row; people `id,displayName,email,roles,rank,force,department,team,lineManagerId` (roles separated by ;), or associations `personId,associateId,reason`. Any bad row: 400 listing every problem with its row, field and rule; nothing is written. Ops and the AA.',
          tags: ['commands'],
        },
        bodyLimit: 10 * 1024 * 1024,
      },
      async (request) => {
        await engine.authorizeAction(
          principalOf(request),
          'directory.import',
          accessRequestOf(request),
        );
        const isCsv = (request.headers['content-type'] ?? '').startsWith('text/csv');
        if (isCsv && typeof request.body !== 'string') {
          throw new AppError('validation', 'body: a CSV text', {
            issues: [{ field: 'body', rule: 'csv', message: 'a CSV text' }],
          });
        }
        const input = isCsv
          ? parseDirectoryFile(request.body as string, 'csv')
          : parseDirectoryFile(JSON.stringify(request.body ?? null), 'json');
        return engine.importDirectory(input);
      },
    );
  };
}
