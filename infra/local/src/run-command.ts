import { execFile } from 'node:child_process';
import { findExecutable } from './find-executable.ts';
import { LocalInfraError } from './local-infra-error.ts';

export interface RunCommandOptions {
  /** Run as this user (needs root): PostgreSQL refuses to run as root. */
  asUser?: string;
  cwd?: string;
  timeoutMs?: number;
}

const shellQuote = (arg: string): string => `'${arg.replaceAll("'", "'\\''")}'`;

/** Prefers `runuser` (no PAM session, no shell quoting); falls back to `su -c`. */
const asUserCommand = (user: string, file: string, args: string[]): [string, string[]] => {
  const runuser = findExecutable('runuser', ['/usr/sbin', '/sbin']);
  if (runuser !== undefined) return [runuser, ['-u', user, '--', file, ...args]];
  const command = [file, ...args].map(shellQuote).join(' ');
  return ['su', ['-s', '/bin/sh', user, '-c', command]];
};

/** Runs a command to completion and returns stdout; a non-zero exit becomes COMMAND_FAILED. */
export const runCommand = (
  file: string,
  args: string[],
  { asUser, cwd, timeoutMs = 120_000 }: RunCommandOptions = {},
): Promise<string> => {
  const [command, commandArgs] = asUser ? asUserCommand(asUser, file, args) : [file, args];
  return new Promise((resolve, reject) => {
    execFile(command, commandArgs, { cwd, timeout: timeoutMs }, (error, stdout, stderr) => {
      if (error === null) return resolve(stdout);
      const detail = stderr.trim() || stdout.trim() || error.message;
      const message = `${file} ${args.join(' ')} failed: ${detail}`;
      reject(new LocalInfraError('COMMAND_FAILED', message, { cause: error }));
    });
  });
};
