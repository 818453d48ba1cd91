import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

const hasExited = (child: ChildProcess): boolean =>
  child.exitCode !== null || child.signalCode !== null;

/** Sends `signal` and waits for exit; escalates to SIGKILL after `graceMs` so stop() is bounded. */
export const stopChild = async (
  child: ChildProcess,
  signal: NodeJS.Signals,
  graceMs = 10_000,
): Promise<void> => {
  if (hasExited(child)) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  const escalate = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    await exited;
  } finally {
    clearTimeout(escalate);
  }
};
