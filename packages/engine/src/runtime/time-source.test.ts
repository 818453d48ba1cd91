import { describe, expect, it } from 'vitest';
import { clockFromConfig, isVirtualClock, systemClock, VirtualClock } from './time-source.ts';

const START = new Date('2025-03-03T10:00:00.000Z');

describe('VirtualClock', () => {
  it('starts where told and does not move on its own', () => {
    const clock = new VirtualClock(START);
    expect(clock.now().toISOString()).toBe('2025-03-03T10:00:00.000Z');
    expect(clock.now().getTime()).toBe(START.getTime());
  });

  it('hands out copies: mutating a returned Date does not move the clock', () => {
    const clock = new VirtualClock(START);
    clock.now().setTime(0);
    expect(clock.now().getTime()).toBe(START.getTime());
  });

  it('set moves forward and never backwards', () => {
    const clock = new VirtualClock(START);
    clock.set(new Date('2025-03-05T00:00:00.000Z'));
    expect(clock.now().toISOString()).toBe('2025-03-05T00:00:00.000Z');
    clock.set(new Date('2025-03-04T00:00:00.000Z'));
    expect(clock.now().toISOString()).toBe('2025-03-05T00:00:00.000Z');
  });

  it('advanceBy moves by the given milliseconds and returns the new time', () => {
    const clock = new VirtualClock(START);
    expect(clock.advanceBy(90 * 60_000).toISOString()).toBe('2025-03-03T11:30:00.000Z');
    expect(clock.now().toISOString()).toBe('2025-03-03T11:30:00.000Z');
    expect(clock.advanceBy(-60_000).toISOString()).toBe('2025-03-03T11:30:00.000Z');
  });
});

describe('clockFromConfig', () => {
  it('gives the system clock for CLOCK=system', () => {
    const clock = clockFromConfig({ CLOCK: 'system', VIRTUAL_START: START.toISOString() });
    expect(clock).toBe(systemClock);
    expect(isVirtualClock(clock)).toBe(false);
  });

  it('gives a virtual clock at VIRTUAL_START for CLOCK=virtual', () => {
    const clock = clockFromConfig({ CLOCK: 'virtual', VIRTUAL_START: '2025-03-03T10:00:00Z' });
    expect(isVirtualClock(clock)).toBe(true);
    expect(clock.now().toISOString()).toBe('2025-03-03T10:00:00.000Z');
  });

  it('starts a virtual clock without VIRTUAL_START at the current time', () => {
    const before = Date.now();
    const clock = clockFromConfig({ CLOCK: 'virtual' });
    const after = Date.now();
    expect(isVirtualClock(clock)).toBe(true);
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(before);
    expect(clock.now().getTime()).toBeLessThanOrEqual(after);
  });
});
