/**
 * Every error a caller can act on. The API maps each code to one HTTP status
 * (services/api/src/errors.ts), so the union is the documented contract.
 */
export type TAppErrorCode =
  | 'validation' // input failed its schema: names the field and the rule
  | 'unauthenticated' // no valid bearer token
  | 'forbidden' // authenticated, but this role may not do this (never for a hidden case)
  | 'not-found' // no such case (also what a refused reader sees)
  | 'gate-refused' // a decision gate said no: names the gate and the reason
  | 'not-allowed-now' // the case's current state does not take this event
  | 'conflict' // concurrent change; retry
  | 'unavailable'; // a backing service is down

export interface TIssue {
  field: string;
  rule: string;
  message: string;
  /** For imports: the row it is about (the CSV line, or the 1-based array position). */
  row?: number;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: TAppErrorCode,
    message: string,
    readonly details: { gate?: string; issues?: TIssue[]; state?: unknown } = {},
  ) {
    super(message);
  }
}
