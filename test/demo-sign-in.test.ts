import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@ppda/config';
import pino from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startEmbedded, type TEmbeddedEngine } from '../services/embedded/src/embedded.ts';
import { createTestDatabase } from './support/harness.ts';

/**
 * Issue 15, "Demo sign-in only where it is safe", as the attack: another machine on the
 * network asks `POST /auth/demo-token` for the AA's token (simulated with inject's
 * `remoteAddress`: tests send traffic to loopback only), a caller probes for who exists, a
 * caller mints in a loop; and an embedded start that looks like production seeds nobody.
 */
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(env: Record<string, string>): Promise<TEmbeddedEngine> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ppda-demo-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const engine = await startEmbedded(
    loadConfig({
      DATA_DIR: dataDir,
      DATABASE_URL: await createTestDatabase(),
      REDIS_URL: inject('redisUrl'),
      QUEUE_PREFIX: `demo-${Math.random().toString(36).slice(2, 8)}`,
      PORT: '0',
      LOG_LEVEL: 'silent',
      ...env,
    }),
    pino({ level: 'silent' }),
  );
  cleanups.push(() => engine.close());
  return engine;
}

const ask = (engine: TEmbeddedEngine, personId: string, remoteAddress = '127.0.0.1') =>
  engine.api.inject({
    method: 'POST',
    url: '/auth/demo-token',
    payload: { personId },
    remoteAddress,
  });

describe('POST /auth/demo-token', () => {
  it('refuses another machine, answers known and unknown ids alike, and is rate limited', async () => {
    const engine = await start({ DEMO_TOKENS_PER_MINUTE: '4' });
    for (const address of ['192.168.1.20', '10.0.0.7', '::ffff:172.16.0.3', '2001:db8::1']) {
      const remote = await ask(engine, 'dcc', address);
      expect(remote.statusCode).toBe(403);
      expect(remote.json().token).toBeUndefined();
    }
    const known = await ask(engine, 'dcc', '::1');
    const unknown = await ask(engine, 'no-such-person', '::1');
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    expect(Object.keys(known.json()).sort()).toEqual(Object.keys(unknown.json()).sort());
    expect(JSON.stringify(known.json())).not.toContain('appropriate-authority');
    // The token naming nobody is refused where it is used.
    const me = await engine.api.inject({
      method: 'GET',
      url: '/me',
      headers: { authorization: `Bearer ${unknown.json().token}` },
    });
    expect(me.statusCode).toBe(401);

    const answers = [];
    for (let i = 0; i < 6; i++)
      answers.push((await ask(engine, 'psd-inv-1', '127.0.0.2')).statusCode);
    expect(answers.slice(0, 4)).toEqual([200, 200, 200, 200]);
    expect(answers.at(-1)).toBe(429);
  });

  it('answers another machine when explicitly allowed', async () => {
    const engine = await start({ DEMO_TOKENS_REMOTE: 'true' });
    expect((await ask(engine, 'dcc', '192.168.1.20')).statusCode).toBe(200);
  });
});

describe('an embedded start that looks like production', () => {
  it('with a non-loopback HOST seeds no demo people', async () => {
    const engine = await start({ HOST: '0.0.0.0' });
    expect(await engine.runtime.db.prisma.person.count()).toBe(0);
  });
});

describe('the virtual clock never runs backwards over recorded events', () => {
  it('refuses a start before the newest event, and an advance to the past', async () => {
    const databaseUrl = await createTestDatabase();
    const engine = await start({
      DATABASE_URL: databaseUrl,
      CLOCK: 'virtual',
      VIRTUAL_START: '2025-03-10T10:00:00Z',
    });
    const token = (await engine.localIssuer!.mint('psd-inv-1')).token;
    const opened = await engine.api.inject({
      method: 'POST',
      url: '/cases',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        subjectId: 'pc-north-1',
        ownerId: 'psd-inv-1',
        conductDate: '2025-01-06',
        conductDateSource: 'victim-account',
      },
    });
    expect(opened.statusCode).toBe(201);
    const ops = { authorization: `Bearer ${(await engine.localIssuer!.mint('ops-1')).token}` };
    const back = await engine.api.inject({
      method: 'POST',
      url: '/clock/advance',
      headers: ops,
      payload: { to: '2025-03-01T10:00:00Z' },
    });
    expect(back.statusCode).toBe(400);
    expect(back.json().message).toContain('time never runs backwards');
    const negative = await engine.api.inject({
      method: 'POST',
      url: '/clock/advance',
      headers: ops,
      payload: { days: -1 },
    });
    expect(negative.statusCode).toBe(400);
    await engine.close();

    await expect(
      start({ DATABASE_URL: databaseUrl, CLOCK: 'virtual', VIRTUAL_START: '2025-03-03T10:00:00Z' }),
    ).rejects.toThrow(/VIRTUAL_START: .* is before the newest recorded event/);
  });
});
