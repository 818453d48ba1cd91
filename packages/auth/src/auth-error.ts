/**
 * Why a bearer token was not accepted. The API answers every one with 401 and a message
 * that does not help an attacker tell them apart beyond what the caller can fix.
 * - `missing-token`: no `Authorization: Bearer …` header.
 * - `invalid-token`: bad signature, wrong issuer or audience, expired, or no person claim.
 * - `issuer-unavailable`: the OIDC discovery document or JWKS could not be read.
 */
export type TAuthErrorCode = 'missing-token' | 'invalid-token' | 'issuer-unavailable';

export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    readonly code: TAuthErrorCode,
    message: string,
    options?: { cause?: unknown; reason?: string },
  ) {
    super(message, options);
    this.reason = options?.reason;
  }
  /** Why, for the log only (e.g. jose's error code); never sent to the client. */
  readonly reason: string | undefined;
}
