import {
  createRemoteJWKSet,
  type JWTPayload,
  type JWTVerifyGetKey,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import { LRUCache } from 'lru-cache';
import { AuthError } from './auth-error.ts';

/** Asymmetric algorithms only: never `none`, never a shared HMAC secret. */
export const ACCEPTED_ALGORITHMS = [
  'ES256',
  'ES384',
  'ES512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'EdDSA',
];

/** A verified token: who it names (a directory person id) and its claims. */
export interface TVerifiedToken {
  personId: string;
  claims: JWTPayload;
}

export interface TTokenVerifier {
  issuer: string;
  verify(token: string): Promise<TVerifiedToken>;
}

/** The token in `Authorization: Bearer <token>`, or a typed refusal. */
export function bearerToken(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value?.match(/^Bearer\s+([A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]*)$/i);
  if (!match?.[1]) {
    throw new AuthError('missing-token', 'send Authorization: Bearer <token>');
  }
  return match[1];
}

/**
 * A token verified lately is not verified again (a signature check is ~0.13 ms of CPU on
 * every request of a client that reuses its token): for at most this long, and never past
 * its expiry, so a key withdrawn from the issuer's set stops working within a minute.
 */
const VERIFIED_FOR_MS = 60_000;
const VERIFIED_TOKENS = 10_000;

/**
 * How old and how long-lived a token may be. A stolen signing key (or a careless issuer) can
 * mint a token dated tomorrow or valid for a century: both are refused, whatever the signature.
 */
export interface TTokenLimits {
  /** Longest `exp - iat` accepted, in seconds. */
  maxLifetimeSeconds: number;
  /** Clock skew allowed between issuer and engine (for `iat`, `nbf`, `exp`), in seconds. */
  clockToleranceSeconds: number;
}

export const DEFAULT_TOKEN_LIMITS: TTokenLimits = {
  maxLifetimeSeconds: 12 * 3600,
  clockToleranceSeconds: 30,
};

/** Verify signature, issuer, audience, expiry and age against a key set, then read the person. */
export function verifierFor(options: {
  issuer: string;
  audience: string;
  keys: JWTVerifyGetKey;
  personClaim?: string;
  limits?: TTokenLimits;
}): TTokenVerifier {
  const limits = options.limits ?? DEFAULT_TOKEN_LIMITS;
  const claim = options.personClaim ?? 'sub';
  const verified = new LRUCache<string, TVerifiedToken>({ max: VERIFIED_TOKENS });
  return {
    issuer: options.issuer,
    async verify(token) {
      const known = verified.get(token);
      if (known) return known;
      const result = await verifyToken(token);
      const expiresInMs = (result.claims.exp ?? 0) * 1000 - Date.now();
      if (expiresInMs > 0) {
        verified.set(token, result, { ttl: Math.min(VERIFIED_FOR_MS, expiresInMs) });
      }
      return result;
    },
  };

  async function verifyToken(token: string): Promise<TVerifiedToken> {
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, options.keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ACCEPTED_ALGORITHMS,
        clockTolerance: limits.clockToleranceSeconds,
        // jose refuses an `iat` in the future (beyond the tolerance) once given a max age.
        maxTokenAge: limits.maxLifetimeSeconds,
        requiredClaims: ['exp', 'iat'],
      }));
    } catch (error) {
      if (error instanceof AuthError) throw error;
      if (error instanceof joseErrors.JOSEError && !isFetchFailure(error)) {
        // jose's codes stay in the log (`reason`): the client learns only what it can act on.
        throw new AuthError('invalid-token', refusalMessage(error), {
          cause: error,
          reason: error.code,
        });
      }
      throw new AuthError('issuer-unavailable', 'the token issuer could not be reached', {
        cause: error,
      });
    }
    const lifetime = (claims.exp ?? 0) - (claims.iat ?? 0);
    if (lifetime > limits.maxLifetimeSeconds) {
      throw new AuthError(
        'invalid-token',
        `the token is valid for longer than ${limits.maxLifetimeSeconds} s: ask the issuer for a shorter-lived one`,
        { reason: 'lifetime-too-long' },
      );
    }
    const personId = claims[claim];
    if (typeof personId !== 'string' || personId === '') {
      throw new AuthError(
        'invalid-token',
        'the token names no person: get a token from the issuer',
        {
          reason: `no ${claim} claim`,
        },
      );
    }
    return { personId, claims };
  }
}

/** What a client can act on: a new token, or a token from the right issuer. */
function refusalMessage(error: InstanceType<typeof joseErrors.JOSEError>): string {
  if (error instanceof joseErrors.JWTExpired && error.claim === 'exp') {
    return 'the token has expired: get a new one';
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'iat') {
    return 'the token is dated in the future or undated: check the issuer’s clock and get a new one';
  }
  if (error instanceof joseErrors.JWTExpired) return 'the token is too old: get a new one';
  return 'the token is not valid here: get one from the configured issuer';
}

function isFetchFailure(error: InstanceType<typeof joseErrors.JOSEError>): boolean {
  return error instanceof joseErrors.JWKSTimeout || error.code === 'ERR_JOSE_GENERIC';
}

const parseDiscovery = (value: unknown): { issuer: string; jwks_uri: string } => {
  const doc = value as { issuer?: unknown; jwks_uri?: unknown };
  if (typeof doc?.issuer !== 'string' || typeof doc.jwks_uri !== 'string') {
    throw new Error('discovery document lacks issuer or jwks_uri');
  }
  return { issuer: doc.issuer, jwks_uri: doc.jwks_uri };
};

/**
 * An OIDC issuer (production): keys from `jwksUrl`, or from the issuer's discovery document
 * (read once, on first use, and again after a failure).
 */
export function createOidcVerifier(options: {
  issuer: string;
  audience: string;
  jwksUrl?: string | undefined;
  personClaim?: string;
  limits?: TTokenLimits;
}): TTokenVerifier {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const loadKeys = async (): Promise<JWTVerifyGetKey> => {
    if (options.jwksUrl) return createRemoteJWKSet(new URL(options.jwksUrl));
    const url = `${options.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    const discovery = parseDiscovery(await response.json());
    if (discovery.issuer !== options.issuer) {
      throw new Error(`${url} names issuer ${discovery.issuer}, not ${options.issuer}`);
    }
    return createRemoteJWKSet(new URL(discovery.jwks_uri));
  };
  const getKey: JWTVerifyGetKey = async (header, token) => {
    keys ??= loadKeys().catch((error: unknown) => {
      keys = undefined;
      throw new AuthError('issuer-unavailable', `OIDC discovery failed: ${String(error)}`, {
        cause: error,
      });
    });
    return (await keys)(header, token);
  };
  return verifierFor({ ...options, keys: getKey });
}
