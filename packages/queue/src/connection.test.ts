import { describe, expect, it } from 'vitest';
import { RedisUrlError, redisTarget } from './connection.ts';

describe('redisTarget', () => {
  it('passes a single-server URL through', () => {
    expect(redisTarget('redis://127.0.0.1:6379/2')).toEqual({ url: 'redis://127.0.0.1:6379/2' });
  });

  it('reads Sentinels, the primary name and the password from a redis-sentinel URL', () => {
    expect(redisTarget('redis-sentinel://:s%40cret@s1:26379,10.0.0.2:26380/ppda')).toEqual({
      sentinel: {
        sentinels: [
          { host: 's1', port: 26379 },
          { host: '10.0.0.2', port: 26380 },
        ],
        name: 'ppda',
        password: 's@cret',
      },
    });
  });

  it.each([
    ['no primary name', 'redis-sentinel://s1:26379'],
    ['a Sentinel without a port', 'redis-sentinel://s1,s2:26379/ppda'],
    ['a port that is not a number', 'redis-sentinel://s1:abc/ppda'],
  ])('refuses %s, saying what the form is', (_case, url) => {
    expect(() => redisTarget(url)).toThrow(RedisUrlError);
  });
});
