export type { JSONWebKeySet } from 'jose';
export { AuthError, type TAuthErrorCode } from './auth-error.ts';
export { createLocalIssuer, LOCAL_ISSUER, type TLocalIssuer } from './local-issuer.ts';
export {
  ACCEPTED_ALGORITHMS,
  bearerToken,
  createOidcVerifier,
  DEFAULT_TOKEN_LIMITS,
  type TTokenLimits,
  type TTokenVerifier,
  type TVerifiedToken,
  verifierFor,
} from './token-verifier.ts';
