import { AppError } from '@ppda/domain';
import { createRedisConnection } from '@ppda/queue';
import { describe, expect, it } from 'vitest';
import { isUnavailable } from './errors.ts';

/** What a fail-fast producer answers while Redis is unreachable: a real ioredis error. */
async function redisDownError(): Promise<Error> {
  // Port 1: nothing listens, so the connection is refused and never ready.
  const redis = createRedisConnection('redis://127.0.0.1:1', 'producer');
  redis.on('error', () => undefined);
  try {
    return await redis.get('any').then(
      () => expect.unreachable('a command on a closed connection'),
      (error: Error) => error,
    );
  } finally {
    redis.disconnect();
  }
}

describe('isUnavailable (503, retry) versus a bug (500)', () => {
  it('takes Redis unreachable for unavailable', async () => {
    const error = await redisDownError();
    expect(error.message).toMatch(/Stream isn't writeable/);
    expect(isUnavailable(error)).toBe(true);
  });

  it('takes a lost or restarting PostgreSQL for unavailable', () => {
    // The shapes `pg` gives: a socket error's code, or the server's SQLSTATE.
    const socket = (code: string) => Object.assign(new Error(`write ${code}`), { code });
    const sqlState = (code: string, message: string) => Object.assign(new Error(message), { code });
    expect(isUnavailable(socket('ECONNREFUSED'))).toBe(true);
    expect(isUnavailable(socket('EPIPE'))).toBe(true);
    expect(
      isUnavailable(sqlState('57P01', 'terminating connection due to administrator command')),
    ).toBe(true);
    expect(isUnavailable(sqlState('57P03', 'the database system is starting up'))).toBe(true);
    expect(isUnavailable(sqlState('08006', 'connection failure'))).toBe(true);
    expect(isUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('leaves bugs and refusals alone', () => {
    expect(isUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(
      false,
    );
    expect(isUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isUnavailable(new AppError('conflict', 'case is busy; retry'))).toBe(false);
  });
});
