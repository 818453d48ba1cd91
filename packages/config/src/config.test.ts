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
