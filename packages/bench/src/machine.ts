import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

/** What the figures were measured on, printed above the table. */
export function describeMachine(versions: { postgres: string; redis: string }): string {
  const cpu = cpus();
  const memory = Math.round(totalmem() / 1024 ** 3);
  let os = 'linux';
  try {
    os = execFileSync('sh', ['-c', '. /etc/os-release && echo "$PRETTY_NAME"']).toString().trim();
  } catch {
    // not fatal: only a label
  }
  return [
    `${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${memory} GiB, ${os}`,
    `Node ${process.version}, PostgreSQL ${versions.postgres}, Redis ${versions.redis}`,
  ].join('; ');
}
