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

/** The clock a process runs on, from config: `CLOCK=virtual` starts at `VIRTUAL_START`. */
export function clockFromConfig(config: {
  CLOCK: 'system' | 'virtual';
  VIRTUAL_START?: string | undefined;
}): Clock {
  if (config.CLOCK === 'system') return systemClock;
  return new VirtualClock(config.VIRTUAL_START ? new Date(config.VIRTUAL_START) : new Date());
}
