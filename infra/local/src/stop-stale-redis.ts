import { readFile } from 'node:fs/promises';
import { waitFor } from './wait-for.ts';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * A parent killed with SIGKILL cannot stop its redis, which then keeps the port and appends to
 * the AOF in `dir`. Before starting on a dir, stop a redis-server still running from its pidfile
 * (the cmdline check guards against a recycled pid).
 */
export const stopStaleRedis = async (pidFile: string): Promise<void> => {
  const pid = Number.parseInt(await readFile(pidFile, 'utf8').catch(() => ''), 10);
  if (!Number.isInteger(pid) || !isAlive(pid)) return;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!cmdline.includes('redis-server')) return;
  process.kill(pid, 'SIGTERM');
  await waitFor(async () => !isAlive(pid), {
    what: `stale redis-server ${pid} exit`,
    timeoutMs: 10_000,
  });
};
