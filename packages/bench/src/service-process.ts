import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { serviceBuild, type TService } from '@ppda/build';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export type TServiceKind = TService;

export class ServiceStartError extends Error {
  override readonly name = 'ServiceStartError';
}

export interface TServiceProcess {
  kind: TServiceKind;
  pid: number;
  /** The api's base URL (it listens on a free port); undefined for a worker. */
  url: string | undefined;
  /** The last log lines, for failure messages. */
  logTail(): string;
  /** Every line logged at error level or above (pino level ≥ 50). */
  errors(): string[];
  /** kill -9: no shutdown hooks, locks and connections left as they were. */
  kill(): Promise<void>;
  /** SIGTERM: the production graceful shutdown. */
  stop(): Promise<void>;
  /** Resident and peak resident memory, in bytes, from /proc. */
  memory(): Promise<{ rss: number; peakRss: number }>;
}

const READY: Record<TServiceKind, RegExp> = {
  api: /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/,
  worker: /"msg":"worker ready"/,
};

/** Start a production entry point (services/api or services/worker main.ts) as a child. */
export async function spawnService(
  kind: TServiceKind,
  env: Record<string, string>,
  options: {
    startTimeoutMs?: number;
    /** Run under V8's profiler: a `.cpuprofile` lands in this dir when the service stops. */
    cpuProfileDir?: string;
  } = {},
): Promise<TServiceProcess> {
  // The production build, as production runs it; its pid is the service itself.
  const { main } = serviceBuild(kind);
  if (!existsSync(main)) {
    throw new ServiceStartError(`${kind} is not built (${main}): run pnpm build`);
  }
  const profile = options.cpuProfileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`]
    : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, main], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const errors: string[] = [];
  let url: string | undefined;
  const exited = once(child, 'exit');
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new ServiceStartError(`${kind} not ready in time:\n${lines.join('\n')}`)),
      options.startTimeoutMs ?? 60_000,
    );
    const onChunk = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(line);
        if (lines.length > 40) lines.shift();
        if (/"level":(50|60)/.test(line)) errors.push(line);
        const match = READY[kind].exec(line);
        if (match) {
          url = match[1];
          clearTimeout(timer);
          resolve();
        }
      }
    };
    child.stdout?.on('data', onChunk);
    child.stderr?.on('data', onChunk);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new ServiceStartError(`${kind} exited (${code ?? signal}):\n${lines.join('\n')}`));
    });
  });
  try {
    await ready;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  const signal = async (name: NodeJS.Signals) => {
    if (hasExited()) return;
    child.kill(name);
    await exited;
  };
  return {
    kind,
    pid: child.pid!,
    url,
    logTail: () => lines.join('\n'),
    errors: () => [...errors],
    kill: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
    async memory() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      const kib = (field: string) =>
        Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      return { rss: kib('VmRSS') * 1024, peakRss: kib('VmHWM') * 1024 };
    },
  };
}
