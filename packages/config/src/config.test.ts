import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('applies the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.PORT).toBe(3000);
    expect(config.CLOCK).toBe('system');
  });

  it('treats an empty URL as unset', () => {
    expect(loadConfig({ REDIS_URL: '' }).REDIS_URL).toBeUndefined();
  });

  it('takes one Redis server or a Sentinel set, and a Cluster hash tag as queue prefix', () => {
    const sentinel = 'redis-sentinel://s1:26379,s2:26379,s3:26379/ppda';
    expect(loadConfig({ REDIS_URL: sentinel }).REDIS_URL).toBe(sentinel);
    expect(loadConfig({ REDIS_URL: 'rediss://cache:6380' }).REDIS_URL).toBe('rediss://cache:6380');
    expect(loadConfig({ QUEUE_PREFIX: '{ppda}' }).QUEUE_PREFIX).toBe('{ppda}');
    expect(() => loadConfig({ REDIS_URL: 'http://cache:6379' })).toThrow(
      /REDIS_URL: redis:\/\/host:port, rediss:\/\/host:port, or redis-sentinel:/,
    );
    expect(() => loadConfig({ QUEUE_PREFIX: '{ppda' })).toThrow(/QUEUE_PREFIX: lowercase/);
  });

  it('names the variable and the rule when a value is wrong', () => {
    const attempt = () => loadConfig({ PORT: '70000', QUEUE_PREFIX: 'Bad:Prefix' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const variables = (error as ConfigError).issues.map((issue) => issue.variable);
      expect(variables).toEqual(expect.arrayContaining(['PORT', 'QUEUE_PREFIX']));
      expect((error as Error).message).toMatch(/QUEUE_PREFIX: lowercase letters/);
    }
  });
});

describe('access and victim-data settings', () => {
  const key = Buffer.alloc(32, 7).toString('base64');

  it('fails a production config without an OIDC issuer or victim data key, naming both', () => {
    try {
      loadConfig({ NODE_ENV: 'production' });
      expect.unreachable('production without keys must fail');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain('VICTIM_DATA_KEY: required in production');
      expect((error as Error).message).toContain('OIDC_ISSUER: required in production');
    }
  });

  it('accepts a production config with both', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      OIDC_ISSUER: 'https://login.force.invalid/realms/psd',
      VICTIM_DATA_KEY: key,
    });
    expect(config.OIDC_AUDIENCE).toBe('ppda-engine');
    expect(config.OIDC_PERSON_CLAIM).toBe('sub');
  });

  it.each(['not base64!', Buffer.alloc(16).toString('base64')])(
    'refuses a victim data key that is not 32 bytes of base64: %s',
    (value) => {
      expect(() => loadConfig({ VICTIM_DATA_KEY: value })).toThrow(/VICTIM_DATA_KEY: base64 of 32/);
    },
  );

  it('leaves both unset in development (embedded defaults)', () => {
    const config = loadConfig({});
    expect(config.OIDC_ISSUER).toBeUndefined();
    expect(config.VICTIM_DATA_KEY).toBeUndefined();
  });
});
