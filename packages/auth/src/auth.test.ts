import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalIssuer, LOCAL_ISSUER } from './local-issuer.ts';
import { bearerToken, createOidcVerifier, verifierFor } from './token-verifier.ts';

describe('bearerToken', () => {
  it('takes the token from a Bearer header', () => {
    expect(bearerToken('Bearer a.b.c')).toBe('a.b.c');
    expect(bearerToken(['bearer x.y.z'])).toBe('x.y.z');
  });

  it.each([undefined, '', 'Basic dXNlcg==', 'Bearer', 'Bearer not-a-jwt'])(
    'refuses %s as missing-token',
    (header) => {
      expect(() => bearerToken(header)).toThrow(expect.objectContaining({ code: 'missing-token' }));
    },
  );
});

describe('verifierFor', () => {
  it('checks a signature once while the token is fresh, and an unverifiable token every time', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    let keyLookups = 0;
    const verifier = verifierFor({
      issuer: 'https://idp.test',
      audience: 'ppda-engine',
      keys: async () => {
        keyLookups++;
        return publicKey;
      },
    });
    const sign = (subject: string, expiresAt: string | number) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer('https://idp.test')
        .setAudience('ppda-engine')
        .setSubject(subject)
        .setIssuedAt()
        .setExpirationTime(expiresAt)
        .sign(privateKey);
    const token = await sign('inv-1', '10m');
    expect((await verifier.verify(token)).personId).toBe('inv-1');
    expect((await verifier.verify(token)).personId).toBe('inv-1');
    expect(keyLookups).toBe(1);

    const tampered = `${token.slice(0, -4)}AAAA`;
    for (let i = 0; i < 2; i++) {
      await expect(verifier.verify(tampered)).rejects.toMatchObject({ code: 'invalid-token' });
    }
    expect(keyLookups).toBe(3);
    // Inside the clock tolerance but past its expiry: accepted, never remembered.
    const lapsing = await sign('inv-2', Math.floor(Date.now() / 1000) - 5);
    await verifier.verify(lapsing);
    await verifier.verify(lapsing);
    expect(keyLookups).toBe(5);
  });
});

describe('createLocalIssuer', () => {
  it('mints a token naming the person that its verifier accepts', async () => {
    const issuer = await createLocalIssuer({ audience: 'ppda-engine' });
    const { token, expiresAt } = await issuer.mint('inv-1');
    const verified = await issuer.verifier.verify(token);
    expect(verified.personId).toBe('inv-1');
    expect(verified.claims.iss).toBe(LOCAL_ISSUER);
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
    expect(issuer.jwks.keys[0]).not.toHaveProperty('d');
  });

  it('refuses an expired token, a tampered one, another audience and another key', async () => {
    const issuer = await createLocalIssuer({ audience: 'ppda-engine' });
    const expired = await issuer.mint('inv-1', { ttlSeconds: -120 });
    await expect(issuer.verifier.verify(expired.token)).rejects.toMatchObject({
      code: 'invalid-token',
    });
    const { token } = await issuer.mint('inv-1');
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'aa-1' }),
    ).toString('base64url');
    await expect(issuer.verifier.verify(`${header}.${forged}.${signature}`)).rejects.toMatchObject({
      code: 'invalid-token',
    });
    const other = await createLocalIssuer({ audience: 'something-else' });
    await expect(other.verifier.verify(token)).rejects.toMatchObject({ code: 'invalid-token' });
  });

  it('keeps its key in a 0600 file and reuses it on the next start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ppda-auth-'));
    try {
      const keyFile = join(dir, 'auth', 'local-issuer.jwk.json');
      const first = await createLocalIssuer({ audience: 'ppda-engine', keyFile });
      const { token } = await first.mint('inv-1');
      expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
      const second = await createLocalIssuer({ audience: 'ppda-engine', keyFile });
      expect((await second.verifier.verify(token)).personId).toBe('inv-1');
      expect(JSON.parse(await readFile(keyFile, 'utf8')).kid).toBe(first.jwks.keys[0]?.kid);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('createOidcVerifier', () => {
  let server: Server;
  let issuerUrl: string;
  let sign: (claims: Record<string, unknown>, issuer?: string) => Promise<string>;

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((request, response) => {
      response.setHeader('content-type', 'application/json');
      if (request.url === '/realms/psd/.well-known/openid-configuration') {
        response.end(JSON.stringify({ issuer: issuerUrl, jwks_uri: `${issuerUrl}/certs` }));
      } else if (request.url === '/realms/psd/certs') {
        response.end(JSON.stringify({ keys: [jwk] }));
      } else {
        response.statusCode = 404;
        response.end('{}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/psd`;
    sign = (claims, issuer = issuerUrl) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(issuer)
        .setAudience('ppda-engine')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('finds the keys through discovery and reads the configured person claim', async () => {
    const verifier = createOidcVerifier({
      issuer: issuerUrl,
      audience: 'ppda-engine',
      personClaim: 'employee_id',
    });
    const token = await sign({ sub: 'opaque-uuid', employee_id: 'inv-1' });
    expect((await verifier.verify(token)).personId).toBe('inv-1');
  });

  it('uses a configured JWKS url, and refuses tokens from another issuer', async () => {
    const verifier = createOidcVerifier({
      issuer: issuerUrl,
      audience: 'ppda-engine',
      jwksUrl: `${issuerUrl}/certs`,
    });
    expect((await verifier.verify(await sign({ sub: 'inv-1' }))).personId).toBe('inv-1');
    await expect(
      verifier.verify(await sign({ sub: 'inv-1' }, 'https://elsewhere.invalid')),
    ).rejects.toMatchObject({ code: 'invalid-token' });
  });

  it('reports an issuer it cannot reach as issuer-unavailable', async () => {
    const verifier = createOidcVerifier({
      issuer: `${issuerUrl}/missing`,
      audience: 'ppda-engine',
    });
    await expect(verifier.verify(await sign({ sub: 'inv-1' }))).rejects.toMatchObject({
      code: 'issuer-unavailable',
    });
  });
});

describe('token age and lifetime (issue 15)', () => {
  const now = () => Math.floor(Date.now() / 1000);
  async function setUp() {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const verifier = verifierFor({
      issuer: 'https://idp.test',
      audience: 'ppda-engine',
      keys: async () => publicKey,
      limits: { maxLifetimeSeconds: 12 * 3600, clockToleranceSeconds: 30 },
    });
    const sign = (claims: { iat?: number; exp: number }) => {
      const jwt = new SignJWT({})
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer('https://idp.test')
        .setAudience('ppda-engine')
        .setSubject('inv-1')
        .setExpirationTime(claims.exp);
      return (claims.iat === undefined ? jwt : jwt.setIssuedAt(claims.iat)).sign(privateKey);
    };
    return { verifier, sign };
  }

  it('refuses a token issued a day in the future, in words a client can act on', async () => {
    const { verifier, sign } = await setUp();
    const token = await sign({ iat: now() + 86_400, exp: now() + 86_400 + 3600 });
    const refusal = (await verifier.verify(token).catch((error: unknown) => error)) as Error;
    expect(refusal).toMatchObject({ code: 'invalid-token' });
    expect(refusal.message).toContain('dated in the future');
    expect(refusal.message).not.toMatch(/ERR_|JWT|claim/);
  });

  it('refuses a token living 100 years, and one with no iat', async () => {
    const { verifier, sign } = await setUp();
    const century = await sign({ iat: now(), exp: now() + 100 * 365 * 86_400 });
    await expect(verifier.verify(century)).rejects.toMatchObject({
      code: 'invalid-token',
      message: expect.stringContaining('valid for longer than 43200 s'),
    });
    const undated = await sign({ exp: now() + 600 });
    await expect(verifier.verify(undated)).rejects.toMatchObject({ code: 'invalid-token' });
  });

  it('accepts a token a few seconds ahead (clock skew) and one at the longest lifetime', async () => {
    const { verifier, sign } = await setUp();
    expect(
      (await verifier.verify(await sign({ iat: now() + 10, exp: now() + 600 }))).personId,
    ).toBe('inv-1');
    const longest = await sign({ iat: now(), exp: now() + 12 * 3600 });
    expect((await verifier.verify(longest)).personId).toBe('inv-1');
  });

  it('says "expired" for an expired token, without jose\'s code', async () => {
    const { verifier, sign } = await setUp();
    const expired = await sign({ iat: now() - 7200, exp: now() - 3600 });
    const refusal = (await verifier.verify(expired).catch((error: unknown) => error)) as Error;
    expect(refusal.message).toBe('the token has expired: get a new one');
  });
});
