/** The one source of "now" for business time (design.md, principle 6). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Time that moves only when told to: tests and demos advance it instead of sleeping. */
export class VirtualClock implements Clock {
  #now: number;

  constructor(start: Date) {
    this.#now = start.getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  /** Move forward to `instant`; time never runs backwards. */
  set(instant: Date): void {
    const ms = instant.getTime();
    if (Number.isNaN(ms)) throw new RangeError('VirtualClock.set needs a valid date');
    this.#now = Math.max(this.#now, ms);
  }

  advanceBy(ms: number): Date {
    this.set(new Date(this.#now + ms));
    return this.now();
  }
}

export function isVirtualClock(clock: Clock): clock is VirtualClock {
  return clock instanceof VirtualClock;
}

/** How long a job due later waits in Redis under a virtual clock: until it is promoted. */
const VIRTUAL_HOLD_MS = 365 * 24 * 3600 * 1000;

/**
 * The wall-time delay of a job due `businessMs` of business time from now. On the system
 * clock they are the same. On a virtual clock business time moves only when told, so a job
 * due later must never come due by wall time alone (a reminder 1 ms ahead would run, find
 * itself early and re-delay, for ever): it waits until the time machine promotes it at the
 * `fireAt` its payload carries.
 */
export function wallDelayMs(clock: Clock, businessMs: number): number {
  if (businessMs <= 0) return 0;
  return isVirtualClock(clock) ? VIRTUAL_HOLD_MS : businessMs;
}

/** The clock a process runs on, from config: `CLOCK=virtual` starts at `VIRTUAL_START`. */
export function clockFromConfig(config: {
  CLOCK: 'system' | 'virtual';
  VIRTUAL_START?: string | undefined;
}): Clock {
  if (config.CLOCK === 'system') return systemClock;
  return new VirtualClock(config.VIRTUAL_START ? new Date(config.VIRTUAL_START) : new Date());
}
