import { existsSync } from 'node:fs';
import { chown, mkdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { trackChild } from './child-registry.ts';
import { freePort } from './free-port.ts';
import { isLocalInfraError, LocalInfraError } from './local-infra-error.ts';
import { findPostgresBinDir, postgresUserIds } from './postgres-install.ts';
import { runCommand } from './run-command.ts';

export interface StartPostgresOptions {
  /** Cluster dir: `data/` (PGDATA), `postgres.log` and the unix socket live here. */
  dir: string;
  /** Defaults to a free port. */
  port?: number;
  /** fsync/synchronous_commit/full_page_writes off: fast, but unsafe on power loss. Tests only. */
  fast?: boolean;
  /** Deadline for `pg_ctl start -w`; default 60 s. */
  startTimeoutMs?: number;
}

export interface PostgresServer {
  /** postgresql://postgres@127.0.0.1:PORT/postgres (trust auth, no password). */
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  /** Fast shutdown (`pg_ctl stop -m fast`): open sessions are disconnected. */
  stop(): Promise<void>;
  /** Stops if running, then starts again on the same port and dir. */
  restart(): Promise<void>;
  /** Creates the database if it does not exist yet; returns its url. */
  createDatabase(name: string): Promise<string>;
  /** Drops the database, disconnecting its sessions; no error if it does not exist. */
  dropDatabase(name: string): Promise<void>;
  /** Url of a database on this server (does not create it). */
  databaseUrl(name: string): string;
}

const MAX_PORT_ATTEMPTS = 3;
const SUPERUSER = 'postgres';
const FAST_SETTINGS = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];

const quoteOption = (value: string): string => `'${value.replaceAll("'", "'\\''")}'`;

const logTail = async (logFile: string): Promise<string> => {
  try {
    return (await readFile(logFile, 'utf8')).split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
};

export const startPostgres = async (options: StartPostgresOptions): Promise<PostgresServer> => {
  const binDir = findPostgresBinDir();
  const dir = resolve(options.dir);
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');
  const timeoutSeconds = Math.ceil((options.startTimeoutMs ?? 60_000) / 1000);
  // PostgreSQL refuses to run as root: as root, run its tools as the postgres user, who must own
  // the dir (initdb creates data/ in it; the socket and log are written there).
  const asUser = process.getuid?.() === 0 ? SUPERUSER : undefined;
  const run = (tool: string, args: string[]) =>
    runCommand(join(binDir, tool), args, {
      asUser,
      cwd: dir,
      timeoutMs: (timeoutSeconds + 30) * 1000,
    });

  await mkdir(dir, { recursive: true });
  if (asUser !== undefined) {
    const { uid, gid } = postgresUserIds();
    if ((await stat(dir)).uid !== uid) await chown(dir, uid, gid);
  }
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    await run('initdb', [
      '-D',
      dataDir,
      '-U',
      SUPERUSER,
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
  }
  // A server left running on this dir (its parent was SIGKILLed) would make start fail.
  if (existsSync(join(dataDir, 'postmaster.pid'))) {
    await run('pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w']).catch(() => {});
  }

  let untrack = (): void => {};
  const launch = async (port: number): Promise<void> => {
    const settings = ['listen_addresses=127.0.0.1', ...(options.fast ? FAST_SETTINGS : [])];
    const serverOptions = [
      `-p ${port}`,
      `-k ${quoteOption(dir)}`,
      ...settings.map((s) => `-c ${s}`),
    ];
    try {
      await run('pg_ctl', [
        'start',
        '-D',
        dataDir,
        '-l',
        logFile,
        '-o',
        serverOptions.join(' '),
        '-w',
        '-t',
        String(timeoutSeconds),
      ]);
    } catch (error) {
      const log = await logTail(logFile);
      const code = /address already in use/i.test(log) ? 'PORT_IN_USE' : 'START_FAILED';
      throw new LocalInfraError(code, `postgres on port ${port} did not start:\n${log}`, {
        cause: error,
      });
    }
    // pg_ctl daemonizes the postmaster, so it is not our child: track it by pid. SIGINT is
    // PostgreSQL's fast shutdown.
    const pid = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    untrack = trackChild(() => process.kill(pid, 'SIGINT'));
  };

  // When we picked the port, another process may take it before postgres binds: pick again.
  let port = options.port ?? (await freePort());
  for (let attempt = 1; ; attempt++) {
    try {
      await launch(port);
      break;
    } catch (error) {
      const canRetry = options.port === undefined && attempt < MAX_PORT_ATTEMPTS;
      if (!canRetry || !isLocalInfraError(error, 'PORT_IN_USE')) throw error;
      port = await freePort();
    }
  }

  let isRunning = true;
  const stop = async (): Promise<void> => {
    if (!isRunning) return;
    isRunning = false;
    untrack();
    await run('pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w']);
  };
  const databaseUrl = (name: string): string =>
    `postgresql://${SUPERUSER}@127.0.0.1:${port}/${encodeURIComponent(name)}`;
  const withAdminClient = async <T>(use: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({
      connectionString: databaseUrl('postgres'),
      connectionTimeoutMillis: 10_000,
    });
    await client.connect();
    try {
      return await use(client);
    } finally {
      await client.end();
    }
  };

  return {
    url: databaseUrl('postgres'),
    port,
    dir,
    stop,
    restart: async () => {
      await stop();
      await launch(port);
      isRunning = true;
    },
    databaseUrl,
    createDatabase: (name) =>
      withAdminClient(async (client) => {
        try {
          await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
        } catch (error) {
          // 42P04 duplicate_database: creating is idempotent so a dev restart can call it again.
          if ((error as { code?: string }).code !== '42P04') throw error;
        }
        return databaseUrl(name);
      }),
    dropDatabase: (name) =>
      withAdminClient(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      }),
  };
};
