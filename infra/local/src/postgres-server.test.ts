import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PostgresServer, startPostgres } from './postgres-server.ts';

const query = async (url: string, sql: string): Promise<unknown[]> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
};

describe('startPostgres', () => {
  let dir: string;
  let postgres: PostgresServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ppda-pg-'));
    postgres = await startPostgres({ dir, fast: true });
  }, 120_000);
  afterAll(async () => {
    await postgres.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves on 127.0.0.1 with the test settings', async () => {
    expect(postgres.url).toBe(`postgresql://postgres@127.0.0.1:${postgres.port}/postgres`);
    expect(await query(postgres.url, 'SHOW fsync')).toEqual([{ fsync: 'off' }]);
    expect(await query(postgres.url, 'SHOW listen_addresses')).toEqual([
      { listen_addresses: '127.0.0.1' },
    ]);
  });

  it('creates a database, keeps its data across a restart, drops it', async () => {
    const url = await postgres.createDatabase('case_test');
    expect(url).toBe(postgres.databaseUrl('case_test'));
    expect(await postgres.createDatabase('case_test')).toBe(url); // idempotent
    await query(
      url,
      "CREATE TABLE cases (id int primary key, state text); INSERT INTO cases VALUES (1, 'open')",
    );

    await postgres.restart();
    expect(await query(url, 'SELECT state FROM cases')).toEqual([{ state: 'open' }]);

    await postgres.dropDatabase('case_test');
    const names = await query(
      postgres.url,
      "SELECT 1 FROM pg_database WHERE datname = 'case_test'",
    );
    expect(names).toEqual([]);
  }, 60_000);
});
