import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@ppda/config';
import pino from 'pino';
import { afterEach, expect, it } from 'vitest';
import { startEmbedded } from '../services/embedded/src/embedded.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * `npm start`'s default: PGlite, a redis-server child, the in-process SMTP sink. The engine's
 * SQL (one statement per case write, recursive line chains) must hold there as on PostgreSQL.
 */
it('runs worked example 1 on the embedded default: the AA escalated at the end of Tue 4 Mar', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'ppda-embedded-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const engine = await startEmbedded(
    loadConfig({
      CLOCK: 'virtual',
      VIRTUAL_START: '2025-03-03T10:00:00Z',
      DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
    }),
    pino({ level: 'silent' }),
  );
  cleanups.push(() => engine.close());
  const as = async (personId: string) => ({
    authorization: `Bearer ${(await engine.localIssuer!.mint(personId)).token}`,
  });

  const opened = await engine.api.inject({
    method: 'POST',
    url: '/cases',
    headers: await as('psd-inv-1'),
    payload: {
      subjectId: 'pc-north-1',
      ownerId: 'psd-inv-1',
      referralCriteriaMet: ['serious-assault'],
      conductDate: '2025-03-01',
      conductDateSource: 'victim-account',
    },
  });
  expect(opened.statusCode).toBe(201);
  const { caseId } = opened.json() as { caseId: string };
  await engine.time!.advanceTo(new Date('2025-03-05T09:30:00Z'));
  const decided = await engine.api.inject({
    method: 'POST',
    url: `/cases/${caseId}/decisions`,
    headers: await as('dcc'),
    payload: {
      type: 'IOPC_REFERRAL_DECIDED',
      referred: true,
      rationale: 'Serious assault alleged against a serving officer; mandatory referral.',
    },
  });
  expect(decided.statusCode).toBe(200);

  const events = await engine.runtime.engine.listEvents(caseId);
  const atDue = events.filter(
    (event) => event.ruleId === 'iopc.referral' && event.occurredAt === '2025-03-04T23:59:59.999Z',
  );
  expect(
    atDue.flatMap((event) => (event.payload as { notified: unknown[] }).notified),
  ).toContainEqual({ role: 'appropriate-authority', personId: 'dcc' });
  expect(events.at(-1)).toMatchObject({ type: 'iopc.referral.decided', actorId: 'dcc' });
  // The AA's escalation (a short statute clock: at once), its rule id in the body.
  expect(
    engine
      .sink!.messages()
      .some(
        (mail) =>
          mail.subject.includes(': Overdue: Refer to the IOPC') &&
          mail.text.includes('\nRule: iopc.referral ('),
      ),
  ).toBe(true);
  expect(await engine.runtime.engine.verifyCase(caseId)).toMatchObject({ intact: true });
  // The decision's access-log row went in with its write.
  expect(
    await engine.runtime.db.prisma.accessLogEntry.count({
      where: { caseId, personId: 'dcc', route: '/cases/:caseId/decisions', allowed: true },
    }),
  ).toBe(1);
  // Ops' metrics read the same tables on PGlite.
  const metrics = await engine.api.inject({
    method: 'GET',
    url: '/metrics',
    headers: await as('ops-1'),
  });
  expect(metrics.statusCode).toBe(200);
  expect(metrics.body).toMatch(/^ppda_timer_fires_late 0$/m);
  expect(metrics.body).toMatch(/^ppda_outbox_pending \d+$/m);
  // The owner's case list, a page at a time, on PGlite too.
  const listed = await engine.api.inject({
    method: 'GET',
    url: '/cases?limit=1',
    headers: await as('psd-inv-1'),
  });
  expect(listed.statusCode).toBe(200);
  expect(listed.json()).toMatchObject({ cases: [{ caseId, ownerId: 'psd-inv-1' }] });
});
