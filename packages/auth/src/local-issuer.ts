import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  SignJWT,
} from 'jose';
import { type TTokenLimits, type TTokenVerifier, verifierFor } from './token-verifier.ts';

/** The issuer name of demo tokens; never an OIDC issuer's. */
export const LOCAL_ISSUER = 'urn:ppda:local-issuer';
const ALG = 'ES256';
const DEFAULT_TTL_SECONDS = 8 * 3600;

export interface TLocalIssuer {
  issuer: string;
  audience: string;
  /** The public key set, served at `/.well-known/jwks.json`. */
  jwks: JSONWebKeySet;
  verifier: TTokenVerifier;
  /** A signed token naming a directory person in `sub`. */
  mint(
    personId: string,
    options?: { ttlSeconds?: number },
  ): Promise<{ token: string; expiresAt: string }>;
}

/**
 * The embedded default's token issuer: an ES256 key pair kept in `keyFile` (0600, created on
 * first use) or, without one, in memory (tests). Demo use only: it signs for anyone asked.
 */
export async function createLocalIssuer(options: {
  audience: string;
  keyFile?: string;
  limits?: TTokenLimits;
}): Promise<TLocalIssuer> {
  const privateJwk = await loadOrCreateKey(options.keyFile);
  const { d: _private, ...publicJwk } = privateJwk;
  const privateKey = await importJWK(privateJwk, ALG);
  const jwks: JSONWebKeySet = { keys: [{ ...publicJwk, alg: ALG, use: 'sig' }] };
  return {
    issuer: LOCAL_ISSUER,
    audience: options.audience,
    jwks,
    verifier: verifierFor({
      issuer: LOCAL_ISSUER,
      audience: options.audience,
      keys: createLocalJWKSet(jwks),
      ...(options.limits ? { limits: options.limits } : {}),
    }),
    async mint(personId, { ttlSeconds = DEFAULT_TTL_SECONDS } = {}) {
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: ALG, kid: privateJwk.kid ?? '', typ: 'JWT' })
        .setIssuer(LOCAL_ISSUER)
        .setAudience(options.audience)
        .setSubject(personId)
        .setIssuedAt(now)
        .setExpirationTime(now + ttlSeconds)
        .setJti(randomUUID())
        .sign(privateKey);
      return { token, expiresAt: new Date((now + ttlSeconds) * 1000).toISOString() };
    },
  };
}

async function loadOrCreateKey(keyFile: string | undefined): Promise<JWK> {
  if (keyFile) {
    const stored = await readFile(keyFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (stored) return JSON.parse(stored) as JWK;
  }
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  const jwk = await exportJWK(privateKey);
  jwk.kid = await calculateJwkThumbprint(jwk);
  if (keyFile) {
    await mkdir(dirname(keyFile), { recursive: true });
    // wx: two processes starting at once must not overwrite each other's key.
    await writeFile(keyFile, JSON.stringify(jwk), { mode: 0o600, flag: 'wx' }).catch(
      async (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      },
    );
    return JSON.parse(await readFile(keyFile, 'utf8')) as JWK;
  }
  return jwk;
}
