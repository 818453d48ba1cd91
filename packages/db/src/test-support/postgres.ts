// Test-only: a throwaway PostgreSQL database for this package's tests (not exported).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const PG_BIN = '/usr/lib/postgresql/15/bin';

export interface TestPostgres {
  /** Create a fresh, empty database and return its url. */
  createDatabase(): Promise<string>;
  /** Drop what was created (and stop the private cluster, if one was started). */
  stop(): Promise<void>;
}

/**
 * POSTGRES_TEST_URL set: fresh databases on that server. Otherwise a private cluster in a temp
 * dir (Debian's PostgreSQL 15; as root it runs as the `postgres` user, which initdb requires).
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const serverUrl = process.env.POSTGRES_TEST_URL;
  if (serverUrl) return databasesOn(serverUrl, async () => undefined);

  const dir = await mkdtemp(join(tmpdir(), 'ppda-db-pg-'));
  const asRoot = process.getuid?.() === 0;
  const sh = async (command: string) => {
    if (asRoot) await run('su', ['postgres', '-c', command]);
    else await run('sh', ['-c', command]);
  };
  if (asRoot) await run('chown', ['postgres', dir]);
  const port = await freePort();
  await sh(`${PG_BIN}/initdb -D '${dir}/data' -U postgres --auth=trust -E UTF8 --no-sync`);
  await sh(
    `${PG_BIN}/pg_ctl -D '${dir}/data' -l '${dir}/log' -w start ` +
      `-o "-p ${port} -k '${dir}' -c listen_addresses=127.0.0.1 -c fsync=off"`,
  );
  return databasesOn(`postgresql://postgres@127.0.0.1:${port}/postgres`, async () => {
    await sh(`${PG_BIN}/pg_ctl -D '${dir}/data' -m immediate -w stop`).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });
}

function databasesOn(serverUrl: string, stopServer: () => Promise<void>): TestPostgres {
  const created: string[] = [];
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    async createDatabase() {
      const name = `ppda_db_test_${randomBytes(6).toString('hex')}`;
      await admin(`CREATE DATABASE "${name}"`);
      created.push(name);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      for (const name of created) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await stopServer();
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
