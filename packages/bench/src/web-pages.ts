import { buildWeb } from '@ppda/web';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { openBenchRuntime, type TBenchInfra } from './bench-infra.ts';
import { BENCH_ACTOR, BENCH_REPORT, loadBenchDirectory } from './directory.ts';
import { percentile } from './measure.ts';
import type { TBenchRow } from './report-table.ts';
import { seedCases } from './seed-cases.ts';

export interface TWebPagesOptions {
  infra: TBenchInfra;
  logger: Logger;
  say: (message: string) => void;
  /** Open cases in the database (default 10,000). */
  cases?: number;
  /** Open tasks assigned to the viewer (default 100). */
  tasks?: number;
  /** Timed requests per page, after as many untimed (default 500). */
  requests?: number;
}

const VIEWER = BENCH_ACTOR.id;
/** Holds every other task: the viewer's inbox is theirs alone. */
const OTHER = 'sup-1';

const ms = (value: number) => `${value.toFixed(1)} ms`;
const spread = (sorted: number[]) =>
  `${ms(percentile(sorted, 50))} / ${ms(percentile(sorted, 99))}`;

/**
 * The web application's server time for its two busiest pages, the inbox (`GET /tasks`) and
 * the case page, with `cases` open cases and `tasks` open tasks for the viewer, against the
 * web application's `GET /health` (sessions, helmet and CSRF hooks, no page) as the floor.
 * In-process through `app.inject`: the server's own time, no network. Its own database.
 */
export async function measureWebPages(options: TWebPagesOptions): Promise<TBenchRow[]> {
  const { infra, logger, say } = options;
  const caseCount = options.cases ?? 10_000;
  const taskCount = options.tasks ?? 100;
  const requests = options.requests ?? 500;
  const databaseUrl = await infra.postgres.createDatabase('web');
  const runtime = await openBenchRuntime(
    infra,
    { databaseUrl, queuePrefix: 'bench-web' },
    { mailFrom: 'bench@psd.test', logger },
  );
  try {
    const prisma = runtime.db.prisma;
    await loadBenchDirectory(prisma);
    say(`web pages: opening ${caseCount} cases`);
    const { caseIds } = await seedCases(prisma, runtime.engine, {
      count: caseCount,
      report: BENCH_REPORT,
      actor: BENCH_ACTOR,
      // Smaller transactions than the default: the seed's must commit within Prisma's 5 s.
      batchSize: 250,
    });
    // Every open task to someone else, then `taskCount` of them (one per case) to the viewer.
    await prisma.task.updateMany({ data: { assigneeId: OTHER } });
    const mine = caseIds.slice(0, taskCount);
    await prisma.$executeRaw`UPDATE "Task" SET "assigneeId" = ${VIEWER}
      WHERE id IN (SELECT DISTINCT ON ("caseId") id FROM "Task"
        WHERE status = 'open' AND "caseId" = ANY(${mine}::uuid[]) ORDER BY "caseId", "dueAt", id)`;
    const viewerTasks = await prisma.task.count({ where: { assigneeId: VIEWER, status: 'open' } });
    const { app } = await buildWeb({
      engine: runtime.engine,
      redis: runtime.redis,
      logger,
      signIn: { kind: 'demo' },
    });
    try {
      const cookie = await signIn(app, VIEWER);
      const timed = async (url: string) => {
        const times: number[] = [];
        for (let i = 0; i < requests * 2; i++) {
          const target = url.replace(':caseId', mine[i % mine.length]!);
          const started = performance.now();
          const response = await app.inject({ method: 'GET', url: target, headers: { cookie } });
          const took = performance.now() - started;
          if (response.statusCode !== 200) {
            throw new Error(`GET ${target}: ${response.statusCode}`);
          }
          if (i >= requests) times.push(took); // the first `requests` warm up
        }
        return times.sort((a, b) => a - b);
      };
      say(`web pages: ${requests} timed requests each, after as many untimed`);
      const health = await timed('/health');
      const inbox = await timed('/tasks');
      const casePage = await timed('/cases/:caseId');
      const scale = `${viewerTasks} tasks for the viewer, ${caseCount.toLocaleString('en-GB')} cases`;
      return [
        {
          measure: `web GET /tasks (inbox) p50 / p99: ${scale}`,
          engine: spread(inbox),
          floor: spread(health),
          ratio: '',
          target: 'p99 ≤ 100 ms',
        },
        {
          measure: `web GET /cases/:id (case page) p50 / p99: ${scale}`,
          engine: spread(casePage),
          floor: spread(health),
          ratio: '',
          target: 'p99 ≤ 100 ms',
        },
      ];
    } finally {
      await app.close();
    }
  } finally {
    await runtime.close();
  }
}

/** Through the demo sign-in page, as a browser would: the session cookie. */
async function signIn(app: FastifyInstance, personId: string): Promise<string> {
  const cookieOf = (setCookie: string | string[] | undefined) =>
    ([] as string[])
      .concat(setCookie ?? [])
      .find((cookie) => cookie.startsWith('ppda.sid='))
      ?.split(';')[0] ?? '';
  const page = await app.inject({ method: 'GET', url: '/sign-in' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const signedIn = await app.inject({
    method: 'POST',
    url: '/sign-in',
    headers: { cookie: cookieOf(page.headers['set-cookie']) },
    payload: { _csrf: csrf, personId, returnTo: '/tasks' },
  });
  const cookie = cookieOf(signedIn.headers['set-cookie']);
  if (!cookie) throw new Error(`sign-in as ${personId} failed: ${signedIn.statusCode}`);
  return cookie;
}
