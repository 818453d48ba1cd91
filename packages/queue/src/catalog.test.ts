import { describe, expect, it } from 'vitest';
import {
  assertValidJobId,
  isJobName,
  jobCatalog,
  notificationJobId,
  parseJobPayload,
  QUEUE_NAMES,
  timerJobId,
} from './catalog.ts';

describe('assertValidJobId', () => {
  it('returns a valid id unchanged', () => {
    expect(assertValidJobId('timer-1.r0')).toBe('timer-1.r0');
    expect(assertValidJobId('123a')).toBe('123a');
  });

  it.each(['case:1', ':', 'a:b:c'])('refuses %j (contains a colon)', (id) => {
    expect(() => assertValidJobId(id)).toThrow(/invalid BullMQ job id/);
  });

  it.each(['0', '42', '1234567890'])('refuses the all-digit id %j', (id) => {
    expect(() => assertValidJobId(id)).toThrow(/not all digits/);
  });
});

describe('job ids', () => {
  it('timerJobId is `<timerId>.r<rung>`', () => {
    expect(timerJobId('tmr_01HZX', 0)).toBe('tmr_01HZX.r0');
    expect(timerJobId('42', 3)).toBe('42.r3');
  });

  it('notificationJobId is `send.<notificationId>`, even for a numeric id', () => {
    expect(notificationJobId('17')).toBe('send.17');
  });

  it('refuses a timer or notification id with a colon', () => {
    expect(() => timerJobId('case:1', 0)).toThrow(/invalid BullMQ job id/);
    expect(() => notificationJobId('a:b')).toThrow(/invalid BullMQ job id/);
  });
});

describe('parseJobPayload', () => {
  it('parses a good timer payload', () => {
    const payload = { timerId: 't1', rung: 2, fireAt: '2025-03-04T23:59:59.999Z' };
    expect(parseJobPayload('case.timer.fire', payload)).toEqual(payload);
  });

  it.each([
    ['a missing rung', { timerId: 't1', fireAt: '2025-03-04T23:59:59.999Z' }],
    ['a negative rung', { timerId: 't1', rung: -1, fireAt: '2025-03-04T23:59:59.999Z' }],
    ['a fractional rung', { timerId: 't1', rung: 1.5, fireAt: '2025-03-04T23:59:59.999Z' }],
    ['an empty timer id', { timerId: '', rung: 0, fireAt: '2025-03-04T23:59:59.999Z' }],
    ['a date that is not an instant', { timerId: 't1', rung: 0, fireAt: '2025-03-04' }],
    ['no payload at all', undefined],
  ])('refuses a timer payload with %s', (_why, data) => {
    expect(() => parseJobPayload('case.timer.fire', data)).toThrow();
  });

  it('refuses a notification payload without its id', () => {
    expect(() => parseJobPayload('notification.send', { id: 'n1' })).toThrow();
  });

  it('strips fields beyond the schema (no names or victim data ride along)', () => {
    const parsed = parseJobPayload('notification.send', {
      notificationId: 'n1',
      victimName: 'must not pass',
    });
    expect(parsed).toEqual({ notificationId: 'n1' });
    expect(Object.keys(parsed)).toEqual(['notificationId']);
    expect(parsed).not.toHaveProperty('victimName');
    expect(Object.keys(parseJobPayload('engine.reconcile', { extra: 1 }))).toEqual([]);
  });
});

describe('isJobName', () => {
  it('is true for every catalog name', () => {
    for (const name of Object.keys(jobCatalog)) expect(isJobName(name), name).toBe(true);
  });

  it.each(['case.timer', 'Case.Timer.Fire', 'toString', 'constructor', ''])(
    'is false for %j',
    (name) => {
      expect(isJobName(name)).toBe(false);
    },
  );
});

describe('jobCatalog', () => {
  it('puts every job on a known queue', () => {
    for (const [name, job] of Object.entries(jobCatalog)) {
      expect(QUEUE_NAMES, name).toContain(job.queue);
    }
  });
});
