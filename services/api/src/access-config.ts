import { join, resolve } from 'node:path';
import {
  createLocalIssuer,
  createOidcVerifier,
  type JSONWebKeySet,
  type TLocalIssuer,
  type TTokenVerifier,
} from '@ppda/auth';
import type { TEnv } from '@ppda/config';
import { loadOrCreateVictimKey } from '@ppda/engine';

export interface TAccessSetup {
  verifier: TTokenVerifier;
  /** Present when tokens come from the local demo issuer (no OIDC_ISSUER). */
  localIssuer?: TLocalIssuer;
  jwks?: JSONWebKeySet;
  victimKey: Buffer;
}

/** Where the embedded default keeps its keys, under DATA_DIR. */
export function keyFiles(dataDir: string) {
  const root = resolve(dataDir);
  return {
    localIssuer: join(root, 'keys', 'local-issuer.jwk.json'),
    victimData: join(root, 'keys', 'victim-data.key'),
  };
}

/**
 * Token verification and the victim data key from config: an OIDC issuer and
 * VICTIM_DATA_KEY in production (config refuses to start without them), otherwise a local
 * issuer and a generated key, both kept under DATA_DIR.
 */
export async function accessFromConfig(config: TEnv): Promise<TAccessSetup> {
  const files = keyFiles(config.DATA_DIR);
  const limits = {
    maxLifetimeSeconds: config.TOKEN_MAX_LIFETIME_S,
    clockToleranceSeconds: config.TOKEN_CLOCK_TOLERANCE_S,
  };
  const victimKey = config.VICTIM_DATA_KEY
    ? Buffer.from(config.VICTIM_DATA_KEY, 'base64')
    : await loadOrCreateVictimKey(files.victimData);
  if (config.OIDC_ISSUER) {
    return {
      verifier: createOidcVerifier({
        issuer: config.OIDC_ISSUER,
        audience: config.OIDC_AUDIENCE,
        jwksUrl: config.OIDC_JWKS_URL,
        personClaim: config.OIDC_PERSON_CLAIM,
        limits,
      }),
      victimKey,
    };
  }
  const localIssuer = await createLocalIssuer({
    audience: config.OIDC_AUDIENCE,
    keyFile: files.localIssuer,
    limits,
  });
  return { verifier: localIssuer.verifier, localIssuer, jwks: localIssuer.jwks, victimKey };
}
