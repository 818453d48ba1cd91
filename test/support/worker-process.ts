import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const WORKER_MAIN = fileURLToPath(new URL('../../services/worker/src/main.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface TWorkerProcess {
  child: ChildProcess;
  /** kill -9: no shutdown hooks, locks left held. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** The production worker entry point as a real child process. */
export async function spawnWorker(env: Record<string, string>): Promise<TWorkerProcess> {
  // Not the tsx CLI: it runs the script in a second node process, which a SIGKILL of the CLI
  // leaves running. With tsx as a loader the pid is the worker itself.
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER_MAIN], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"msg":"worker ready"')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) =>
      reject(new Error(`worker exited (${code}) before ready:\n${output}`)),
    );
  });
  return {
    child,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
