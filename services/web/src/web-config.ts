import type { TEnv } from '@ppda/config';
import type { TSignIn } from './sign-in.ts';

/**
 * How the web application signs people in, from config: OIDC when `OIDC_ISSUER` and
 * `OIDC_CLIENT_ID` are set; the demo list with the local issuer (never in production).
 */
export function signInFromConfig(config: TEnv, publicUrl: string): TSignIn {
  if (config.OIDC_ISSUER) {
    if (!config.OIDC_CLIENT_ID) {
      throw new Error('OIDC_CLIENT_ID: required for the web application with OIDC_ISSUER');
    }
    return {
      kind: 'oidc',
      issuer: config.OIDC_ISSUER,
      clientId: config.OIDC_CLIENT_ID,
      clientSecret: config.OIDC_CLIENT_SECRET,
      redirectUri: new URL('/auth/callback', publicUrl).href,
      personClaim: config.OIDC_PERSON_CLAIM,
    };
  }
  if (config.NODE_ENV === 'production') {
    throw new Error('OIDC_ISSUER: required in production for the web application');
  }
  return { kind: 'demo' };
}
