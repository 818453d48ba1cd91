import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { trackChild } from './child-registry.ts';
import { findExecutable } from './find-executable.ts';
import { freePort } from './free-port.ts';
import { isLocalInfraError, LocalInfraError } from './local-infra-error.ts';
import { pingRedis } from './redis-ping.ts';
import { stopChild } from './stop-child.ts';
import { stopStaleRedis } from './stop-stale-redis.ts';
import { waitFor } from './wait-for.ts';

export const REDIS_INSTALL_COMMAND = 'apt-get install -y redis-server';

export interface StartRedisOptions {
  /** Data dir: the AOF lives here, so a restart on the same dir keeps the data. */
  dir: string;
  /** Defaults to a free port. */
  port?: number;
  /** Default true: BullMQ state must survive a restart. */
  appendonly?: boolean;
  /** Deadline for PING to answer; default 10 s. */
  startTimeoutMs?: number;
  /** Start as a replica of the primary on this local port. */
  replicaOf?: number;
}

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  /** Process id of the running server; changes on restart, undefined once stopped. */
  readonly pid: number | undefined;
  /** SIGTERM: redis flushes the AOF and exits. */
  stop(): Promise<void>;
  /** SIGKILL, to simulate a crash. Acknowledged writes are already in the AOF (page cache). */
  kill(): Promise<void>;
  /** Stops if running, then starts again on the same port and dir. */
  restart(): Promise<void>;
}

const MAX_PORT_ATTEMPTS = 3;
const LOG_TAIL_LINES = 20;
const PID_FILE = 'redis.pid';

const redisArgs = (port: number, dir: string, appendonly: boolean, replicaOf?: number) => [
  '--port',
  String(port),
  '--bind',
  '127.0.0.1',
  '--save',
  '', // no RDB snapshots: the AOF is the persistence
  '--appendonly',
  appendonly ? 'yes' : 'no',
  '--dir',
  dir,
  '--pidfile',
  join(dir, PID_FILE),
  // BullMQ requires noeviction: an evicted job key is silent data loss.
  '--maxmemory-policy',
  'noeviction',
  // A worker waits for its next delayed job in a blocking command whose timeout Redis checks
  // `hz` times a second: at the default 10, a due timer waits up to 100 ms more.
  '--hz',
  '100',
  ...(replicaOf === undefined ? [] : ['--replicaof', '127.0.0.1', String(replicaOf)]),
];

/** Spawns redis-server and resolves once it answers PING; rejects if it exits first. */
const launch = async (
  bin: string,
  port: number,
  dir: string,
  appendonly: boolean,
  timeoutMs: number,
  replicaOf: number | undefined,
): Promise<ChildProcess> => {
  const child = spawn(bin, redisArgs(port, dir, appendonly, replicaOf), {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Keep draining the pipes (a full pipe would block redis) and keep the tail for errors.
  const tail: string[] = [];
  const keepTail = (chunk: Buffer): void => {
    tail.push(...chunk.toString().split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - LOG_TAIL_LINES));
  };
  child.stdout?.on('data', keepTail);
  child.stderr?.on('data', keepTail);

  const failedEarly = new Promise<never>((_, reject) => {
    const fail = (reason: string): void => {
      const log = tail.join('\n');
      const code = /address already in use/i.test(log) ? 'PORT_IN_USE' : 'START_FAILED';
      reject(new LocalInfraError(code, `redis-server on port ${port} ${reason}:\n${log}`));
    };
    child.once('error', (error) => fail(`failed to spawn (${error.message})`));
    child.once('exit', (code, signal) => fail(`exited (${code ?? signal}) before it was ready`));
  });
  failedEarly.catch(() => {}); // a later, normal exit must not become an unhandled rejection

  try {
    await waitFor(() => pingRedis(port), {
      what: `redis-server on port ${port}`,
      timeoutMs,
      abort: failedEarly,
    });
  } catch (error) {
    await stopChild(child, 'SIGKILL');
    throw error;
  }
  return child;
};

export const startRedis = async (options: StartRedisOptions): Promise<RedisServer> => {
  const bin = findExecutable('redis-server', ['/usr/sbin', '/usr/local/bin']);
  if (bin === undefined) {
    throw new LocalInfraError(
      'BINARY_MISSING',
      `redis-server not found on PATH. Install it: ${REDIS_INSTALL_COMMAND} (or run bash infra/setup.sh)`,
      { installCommand: REDIS_INSTALL_COMMAND },
    );
  }
  const dir = resolve(options.dir);
  const appendonly = options.appendonly ?? true;
  const timeoutMs = options.startTimeoutMs ?? 10_000;
  await mkdir(dir, { recursive: true });
  await stopStaleRedis(join(dir, PID_FILE));

  // When we picked the port, another process may take it before redis binds: pick again.
  let port = options.port ?? (await freePort());
  let child: ChildProcess | undefined;
  for (let attempt = 1; child === undefined; attempt++) {
    try {
      child = await launch(bin, port, dir, appendonly, timeoutMs, options.replicaOf);
    } catch (error) {
      const canRetry = options.port === undefined && attempt < MAX_PORT_ATTEMPTS;
      if (!canRetry || !isLocalInfraError(error, 'PORT_IN_USE')) throw error;
      port = await freePort();
    }
  }

  const track = (running: ChildProcess) => trackChild(() => running.kill('SIGTERM'));
  let current: ChildProcess | undefined = child;
  let untrack = track(child);
  const halt = async (signal: NodeJS.Signals): Promise<void> => {
    const running = current;
    current = undefined;
    untrack();
    if (running) await stopChild(running, signal);
  };

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    get pid() {
      return current?.pid;
    },
    stop: () => halt('SIGTERM'),
    kill: () => halt('SIGKILL'),
    restart: async () => {
      await halt('SIGTERM');
      current = await launch(bin, port, dir, appendonly, timeoutMs, options.replicaOf);
      untrack = track(current);
    },
  };
};
