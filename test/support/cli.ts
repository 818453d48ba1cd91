import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** Run a command as a child process; rejects with its `code`, `stdout` and `stderr`. */
export const run = promisify(execFile);
export const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
/** `pnpm verify`'s entry point, run through `TSX`. */
export const VERIFY_CLI = fileURLToPath(
  new URL('../../services/embedded/src/commands/verify.ts', import.meta.url),
);
