import { randomBytes, randomUUID } from 'node:crypto';
import { decisionRightFor, type TDecisionRight } from '@ppda/access';
import { apiPart } from '@ppda/api';
import { createLocalIssuer, type TLocalIssuer } from '@ppda/auth';
import type { TAssociation, TPerson } from '@ppda/domain';
import {
  createTimeMachine,
  seedDirectory,
  type TCheckpointConfig,
  type TDirectoryImport,
  type TReconcileReport,
  type TRuntime,
  type TTimeMachine,
  VirtualClock,
} from '@ppda/engine';
import { startHost } from '@ppda/host';
import { type SmtpSink, startSmtpSink } from '@ppda/local-infra';
import type { TPolicyPack } from '@ppda/ppda-case';
import { type TWorkerPart, workerPart } from '@ppda/worker';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import { ASSOCIATIONS, PEOPLE } from './people.ts';

/** A fresh database on the shared PostgreSQL, so tests never see each other's rows. */
export async function createTestDatabase(): Promise<string> {
  const adminUrl = inject('postgresUrl');
  const name = `e2e_${randomUUID().replaceAll('-', '')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface THarnessOptions {
  start: Date;
  databaseUrl?: string;
  redisUrl?: string;
  queuePrefix?: string;
  sink?: SmtpSink;
  clock?: VirtualClock;
  /** Run the workers in this process (default); false when a test runs them elsewhere. */
  workers?: boolean;
  /** Keep the victim data key across a restart. */
  victimKey?: Buffer;
  /** More people (roles included) for the bootstrap, beyond the test directory. */
  morePeople?: TDirectoryImport;
  /** The directory to bootstrap instead of the small test one (`support/people.ts`). */
  directory?: { people: TPerson[]; associations?: TAssociation[] };
  /** Level of the captured log (default: TEST_LOG_LEVEL or debug). */
  logLevel?: string;
  /** Where signed checkpoints go and their key file (none unless given). */
  checkpoint?: TCheckpointConfig;
  /** The web application's base URL for links in mail. */
  publicUrl?: string;
  /** The daily digest's London time in minutes after midnight (none unless given). */
  digestAtMinutes?: number;
  /** The policy pack to run (default: the pack's default); e.g. a later pack on a restart. */
  policy?: TPolicyPack;
}

type TInjectOptions = { method: 'GET' | 'POST' | 'PUT'; url: string; payload?: unknown };

export interface THarness {
  runtime: TRuntime;
  engine: TRuntime['engine'];
  api: FastifyInstance;
  clock: VirtualClock;
  time: TTimeMachine;
  sink: SmtpSink;
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  victimKey: Buffer;
  issuer: TLocalIssuer;
  workers?: TWorkerPart;
  /** What the start-up reconcile repaired. */
  reconciled: TReconcileReport;
  /** Every line the engine, api and workers logged (pino JSON), for scan tests. */
  logs: string[];
  /** `Authorization` for a person in the test directory (tokens are minted at start). */
  headersFor(personId: string): Record<string, string>;
  /** The same for anyone, e.g. people a test imported itself. */
  mintHeaders(personId: string): Promise<Record<string, string>>;
  /** A person in the test directory who holds the right to take this decision. */
  deciderFor(decisionType: string, options?: { chiefOfficer?: boolean }): string;
  /** A request to the API as `personId`. */
  as(personId: string, request: TInjectOptions): Promise<LightMyRequestResponse>;
  /** Report an allegation as `inv-1` against `subj-1` unless the body says otherwise. */
  report(
    body?: Record<string, unknown>,
    as?: string,
  ): Promise<{ caseId: string; reference: string }>;
  /** Record a decision as a holder of its decision right (or `as`). */
  decide(
    caseId: string,
    decision: Record<string, unknown>,
    as?: string,
  ): Promise<LightMyRequestResponse>;
  /** Move the virtual clock to `at` (firing what falls due), then `decide`. */
  decideAt(
    caseId: string,
    at: string,
    decision: Record<string, unknown>,
    as?: string,
  ): Promise<LightMyRequestResponse>;
  /** Close the engine; keeps the database, Redis and the sink for a restart. */
  stop(): Promise<void>;
  close(): Promise<void>;
}

const DECIDER: Record<TDecisionRight, string> = {
  'appropriate-authority': 'aa-1',
  'head-of-psd-or-above': 'head-1',
  psd: 'inv-1',
  'victim-liaison': 'inv-1',
  'criminal-track': 'inv-1',
  // The small test directory has no vetting manager: the case's AA acts as vetting authority.
  'vetting-authority': 'aa-1',
};

/** The engine on real PostgreSQL, Redis and SMTP, with a virtual clock and bearer tokens. */
export async function startHarness(options: THarnessOptions): Promise<THarness> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const redisUrl = options.redisUrl ?? inject('redisUrl');
  const queuePrefix = options.queuePrefix ?? `t${randomUUID().slice(0, 8)}`;
  const sink = options.sink ?? (await startSmtpSink());
  const clock = options.clock ?? new VirtualClock(options.start);
  const victimKey = options.victimKey ?? randomBytes(32);
  const logs: string[] = [];
  const echo = Boolean(process.env.TEST_LOG_LEVEL);
  const logger = pino(
    { level: options.logLevel ?? process.env.TEST_LOG_LEVEL ?? 'debug' },
    {
      write(line: string) {
        logs.push(line);
        if (echo) process.stdout.write(line);
      },
    },
  );
  // The directory, and the tokens minted for it, are ready before the host starts.
  const base = options.directory ?? { people: PEOPLE, associations: ASSOCIATIONS };
  const directory = {
    people: [...base.people, ...((options.morePeople?.people ?? []) as TPerson[])],
    associations: [
      ...(base.associations ?? []),
      ...((options.morePeople?.associations ?? []) as TAssociation[]),
    ],
  };
  const issuer = await createLocalIssuer({ audience: 'ppda-engine' });
  const tokens = new Map<string, string>();
  for (const person of directory.people) {
    tokens.set(person.id, (await issuer.mint(person.id)).token);
  }
  let reconciled: TReconcileReport | undefined;
  const host = await startHost(
    {
      databaseUrl,
      redisUrl,
      smtpUrl: sink.url,
      mailFrom: 'engine@psd.test',
      queuePrefix,
      clock,
      logger,
      victimKey,
      ...(options.checkpoint ? { checkpoint: options.checkpoint } : {}),
      ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
      ...(options.digestAtMinutes !== undefined
        ? { digestAtMinutes: options.digestAtMinutes }
        : {}),
      ...(options.policy ? { policy: options.policy } : {}),
    },
    {
      prepare: async ({ runtime }) => {
        // The test directory is the bootstrap (roles included); a restart on the same database
        // finds it bootstrapped and leaves it as the test changed it.
        await seedDirectory(runtime.engine.deps, directory, 'test-seed');
        // The worker part reconciles before taking work; without it, the harness does.
        if (options.workers === false) reconciled = await runtime.engine.reconcile();
      },
      parts: {
        workers:
          options.workers === false
            ? undefined
            : workerPart({ concurrency: 4, reconcileEveryMs: 3_600_000 }),
        api: apiPart({ verifier: issuer.verifier, jwks: issuer.jwks }),
      },
    },
  );
  const { runtime } = host;
  const { api, workers } = host.parts;
  reconciled ??= workers!.reconciled;
  const time = createTimeMachine({ clock, queues: runtime.queues, prisma: runtime.db.prisma });
  const headersFor = (personId: string) => {
    const token = tokens.get(personId);
    if (!token) throw new Error(`${personId} is not in the test directory; use mintHeaders`);
    return { authorization: `Bearer ${token}` };
  };
  const as = (personId: string, request: TInjectOptions) =>
    api.inject({
      method: request.method,
      url: request.url,
      headers: headersFor(personId),
      ...(request.payload === undefined ? {} : { payload: request.payload as object }),
    });
  const deciderFor = (type: string, { chiefOfficer = false } = {}) => {
    const right = decisionRightFor(type);
    return chiefOfficer && right === 'appropriate-authority' ? 'pcc-1' : DECIDER[right];
  };
  const stop = () => host.close();
  const decide: THarness['decide'] = (caseId, decision, decider) =>
    as(decider ?? deciderFor(String(decision.type)), {
      method: 'POST',
      url: `/cases/${caseId}/decisions`,
      payload: decision,
    });
  return {
    runtime,
    engine: runtime.engine,
    api,
    clock,
    time,
    sink,
    databaseUrl,
    redisUrl,
    queuePrefix,
    victimKey,
    issuer,
    reconciled,
    logs,
    ...(workers ? { workers } : {}),
    headersFor,
    async mintHeaders(personId) {
      return { authorization: `Bearer ${(await issuer.mint(personId)).token}` };
    },
    deciderFor,
    as,
    async report(body = {}, reporter = 'inv-1') {
      const response = await as(reporter, {
        method: 'POST',
        url: '/cases',
        // The law on the day: a report names when the conduct occurred; by default the day
        // the allegation was received (UTC date: never after the London date received).
        payload: {
          subjectId: 'subj-1',
          ownerId: 'inv-1',
          conductDate: String(
            (body as { receivedAt?: string }).receivedAt ?? clock.now().toISOString(),
          ).slice(0, 10),
          conductDateSource: 'psd-estimate',
          ...body,
        },
      });
      if (response.statusCode !== 201) {
        throw new Error(`report refused: ${response.statusCode} ${response.body}`);
      }
      return response.json() as { caseId: string; reference: string };
    },
    decide,
    async decideAt(caseId, at, decision, decider) {
      await time.advanceTo(new Date(at));
      return decide(caseId, decision, decider);
    },
    stop,
    async close() {
      await stop();
      if (!options.sink) await sink.close();
    },
  };
}
