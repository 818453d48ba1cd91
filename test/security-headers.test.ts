import { buildApi } from '@ppda/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { THarness } from './support/harness.ts';
import { startWithOneCase } from './support/setups.ts';

/** Issue 15, "Headers and tokens": what a browser and a proxy are told, and what a 401 says. */
let h: THarness;
let caseId: string;

beforeAll(async () => {
  ({ h, caseId } = await startWithOneCase());
});
afterAll(async () => {
  await h.close();
});

describe('security headers', () => {
  it.each([
    ['a case', () => `/cases/${caseId}`],
    ['its events', () => `/cases/${caseId}/events`],
    ['the victim record', () => `/cases/${caseId}/victim`],
    ['a person’s tasks', () => '/people/inv-1/tasks'],
    ['me', () => '/me'],
  ])(
    '%s: CSP without framing, nosniff, no-store, no HSTS outside production',
    async (_what, url) => {
      const response = await h.as('inv-1', { method: 'GET', url: url() });
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['strict-transport-security']).toBeUndefined();
    },
  );

  it('a refusal (404, 401) is no-store too; health may be cached', async () => {
    const hidden = await h.as('subj-1', { method: 'GET', url: `/cases/${caseId}` });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.headers['cache-control']).toBe('no-store');
    const anonymous = await h.api.inject({ method: 'GET', url: `/cases/${caseId}` });
    expect(anonymous.headers['cache-control']).toBe('no-store');
    const health = await h.api.inject({ method: 'GET', url: '/health' });
    expect(health.headers['cache-control']).toBeUndefined();
    expect(health.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends HSTS in production', async () => {
    const production = await buildApi({
      engine: h.engine,
      queues: h.runtime.queues,
      probes: h.runtime.probes,
      logger: (await import('pino')).default({ level: 'silent' }),
      verifier: h.issuer.verifier,
      production: true,
    });
    try {
      const response = await production.inject({ method: 'GET', url: '/health' });
      expect(response.headers['strict-transport-security']).toContain('max-age=31536000');
      expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    } finally {
      await production.close();
    }
  });
});

describe('401s say only what a client can act on', () => {
  it('an expired or tampered token is refused without jose’s codes', async () => {
    const expired = (await h.issuer.mint('inv-1', { ttlSeconds: -3600 })).token;
    const tampered = `${h.headersFor('inv-1').authorization!.slice(0, -4)}AAAA`;
    for (const authorization of [`Bearer ${expired}`, tampered]) {
      const response = await h.api.inject({
        method: 'GET',
        url: '/me',
        headers: { authorization },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().message).not.toMatch(/ERR_|JWS|JWT|claim/);
      expect(response.json().message).toMatch(/get a new one|get one from the configured issuer/);
    }
  });
});
