import { AppError } from '@ppda/domain';
import { describe, expect, it } from 'vitest';
import { conflictPauseMs, retryOnConflict } from './case-store.ts';
import { VersionConflict } from './version-conflict.ts';

/** An attempt that loses to a concurrent writer `losses` times, then lands. */
function losing(losses: number) {
  let calls = 0;
  return {
    attempt: async () => {
      calls += 1;
      if (calls <= losses) throw new VersionConflict('case-1');
      return 'landed';
    },
    calls: () => calls,
  };
}

describe('retryOnConflict', () => {
  it('re-runs a losing attempt after a pause each time, until it lands', async () => {
    const pauses: number[] = [];
    const writer = losing(3);
    const result = await retryOnConflict(writer.attempt, {
      pause: async (ms) => {
        pauses.push(ms);
      },
    });
    expect(result).toBe('landed');
    expect(writer.calls()).toBe(4);
    expect(pauses).toHaveLength(3);
    pauses.forEach((ms, index) => {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThan(2 ** (index + 1));
    });
  });

  it('answers a retryable conflict once every try has lost, pausing between tries only', async () => {
    const pauses: number[] = [];
    const writer = losing(Number.POSITIVE_INFINITY);
    const failure = await retryOnConflict(writer.attempt, {
      tries: 5,
      pause: async (ms) => {
        pauses.push(ms);
      },
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'conflict', message: 'case case-1 is busy; retry' });
    expect(writer.calls()).toBe(5);
    expect(pauses).toHaveLength(4);
  });

  it('passes any other failure straight through, without retrying', async () => {
    let calls = 0;
    const failure = await retryOnConflict(
      async () => {
        calls += 1;
        throw new AppError('not-found', 'no such case');
      },
      { pause: async () => expect.unreachable('no pause for a non-conflict') },
    ).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'not-found' });
    expect(calls).toBe(1);
  });
});

describe('conflictPauseMs', () => {
  it('spreads over a window doubling from 2 ms and capped at 64 ms', () => {
    const top = () => 0.999_999;
    expect([1, 2, 3, 6, 7, 12].map((retry) => Math.ceil(conflictPauseMs(retry, top)))).toEqual([
      2, 4, 8, 64, 64, 64,
    ]);
    expect(conflictPauseMs(5, () => 0)).toBe(0);
  });
});
