import { setTimeout as delay } from 'node:timers/promises';
import { LocalInfraError } from './local-infra-error.ts';

export interface WaitForOptions {
  /** What is awaited, for the timeout message. */
  what: string;
  timeoutMs: number;
  intervalMs?: number;
  /** Rejects early, e.g. when the server process exits before it is ready. */
  abort?: Promise<never>;
}

/**
 * Polls `check` until it returns true, with a hard deadline. Used only where the server offers
 * no readiness event (a TCP port opening); never as a fixed sleep.
 */
export const waitFor = async (
  check: () => Promise<boolean>,
  { what, timeoutMs, intervalMs = 20, abort }: WaitForOptions,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  const loop = async (): Promise<void> => {
    while (Date.now() < deadline) {
      if (await check()) return;
      await delay(intervalMs);
    }
    throw new LocalInfraError('START_TIMEOUT', `${what} was not ready within ${timeoutMs} ms`);
  };
  await (abort ? Promise.race([loop(), abort]) : loop());
};
