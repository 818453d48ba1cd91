import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { trackChild } from './child-registry.ts';
import { findExecutable } from './find-executable.ts';
import { freePort } from './free-port.ts';
import { LocalInfraError } from './local-infra-error.ts';
import { pingRedis } from './redis-ping.ts';
import { REDIS_INSTALL_COMMAND } from './redis-server.ts';
import { stopChild } from './stop-child.ts';
import { waitFor } from './wait-for.ts';

export interface StartSentinelOptions {
  /** Sentinel rewrites its config file as it learns the topology; it lives here. */
  dir: string;
  /** The name clients ask the Sentinel for (`redis-sentinel://…/<name>`). */
  masterName: string;
  /** Port of the primary on 127.0.0.1 to monitor. */
  primaryPort: number;
  /** How long the primary may be silent before it is thought down; default 1,000 ms. */
  downAfterMs?: number;
}

export interface RedisSentinel {
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * One Redis Sentinel (`redis-server --sentinel`) watching a local primary, with a quorum of
 * one: enough to show clients following a failover in tests. Production runs three.
 */
export const startSentinel = async (options: StartSentinelOptions): Promise<RedisSentinel> => {
  const bin = findExecutable('redis-server', ['/usr/sbin', '/usr/local/bin']);
  if (bin === undefined) {
    throw new LocalInfraError(
      'BINARY_MISSING',
      `redis-server not found on PATH. Install it: ${REDIS_INSTALL_COMMAND}`,
      { installCommand: REDIS_INSTALL_COMMAND },
    );
  }
  const dir = resolve(options.dir);
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  const name = options.masterName;
  const config = join(dir, 'sentinel.conf');
  await writeFile(
    config,
    [
      `port ${port}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      `sentinel monitor ${name} 127.0.0.1 ${options.primaryPort} 1`,
      `sentinel down-after-milliseconds ${name} ${options.downAfterMs ?? 1_000}`,
      `sentinel failover-timeout ${name} 10000`,
      '',
    ].join('\n'),
  );
  const child = spawn(bin, [config, '--sentinel'], { stdio: ['ignore', 'ignore', 'ignore'] });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) =>
      reject(new LocalInfraError('START_FAILED', `redis sentinel exited (${code ?? signal})`)),
    ),
  );
  exited.catch(() => {}); // a later, normal exit must not become an unhandled rejection
  const untrack = trackChild(() => child.kill('SIGTERM'));
  try {
    await waitFor(() => pingRedis(port), {
      what: `redis sentinel on port ${port}`,
      timeoutMs: 10_000,
      abort: exited,
    });
  } catch (error) {
    untrack();
    await stopChild(child, 'SIGKILL');
    throw error;
  }
  return {
    port,
    async stop() {
      untrack();
      await stopChild(child, 'SIGTERM');
    },
  };
};
