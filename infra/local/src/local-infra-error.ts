/** Every way local infrastructure can fail; callers switch on `code`, not on message text. */
export type LocalInfraErrorCode =
  | 'BINARY_MISSING' // server not installed; `installCommand` says how to fix it
  | 'PORT_IN_USE' // the chosen port was taken between picking and binding
  | 'START_FAILED' // the server exited or its start command failed
  | 'START_TIMEOUT' // the server did not become ready before the deadline
  | 'COMMAND_FAILED' // a helper command (initdb, pg_ctl, runuser) exited non-zero
  | 'WAIT_TIMEOUT'; // waitForMessages did not see enough messages in time

export class LocalInfraError extends Error {
  override readonly name = 'LocalInfraError';
  readonly code: LocalInfraErrorCode;
  /** Set for BINARY_MISSING: the exact command that installs the missing server. */
  readonly installCommand: string | undefined;

  constructor(
    code: LocalInfraErrorCode,
    message: string,
    options: { cause?: unknown; installCommand?: string } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.installCommand = options.installCommand;
  }
}

export const isLocalInfraError = (error: unknown, code?: LocalInfraErrorCode): boolean =>
  error instanceof LocalInfraError && (code === undefined || error.code === code);
