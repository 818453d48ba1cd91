import { accessSync, constants, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findExecutable } from './find-executable.ts';
import { LocalInfraError } from './local-infra-error.ts';

export const POSTGRES_INSTALL_COMMAND = 'apt-get install -y postgresql';

const DEBIAN_ROOT = '/usr/lib/postgresql';

const hasTools = (binDir: string): boolean => {
  try {
    accessSync(join(binDir, 'initdb'), constants.X_OK);
    accessSync(join(binDir, 'pg_ctl'), constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * Debian keeps initdb/pg_ctl off PATH in /usr/lib/postgresql/<major>/bin: take the highest
 * major there, else a PATH install (other distros, macOS).
 */
export const findPostgresBinDir = (): string => {
  let majors: string[] = [];
  try {
    majors = readdirSync(DEBIAN_ROOT).filter((name) => /^\d+$/.test(name));
  } catch {
    // no Debian layout
  }
  majors.sort((a, b) => Number(b) - Number(a));
  const candidates = majors.map((major) => join(DEBIAN_ROOT, major, 'bin'));
  const onPath = findExecutable('pg_ctl');
  if (onPath !== undefined) candidates.push(dirname(onPath));
  const binDir = candidates.find(hasTools);
  if (binDir === undefined) {
    throw new LocalInfraError(
      'BINARY_MISSING',
      `PostgreSQL not found (no ${DEBIAN_ROOT}/*/bin/initdb). Install it: ${POSTGRES_INSTALL_COMMAND} (or run bash infra/setup.sh)`,
      { installCommand: POSTGRES_INSTALL_COMMAND },
    );
  }
  return binDir;
};

/** uid/gid of the `postgres` system user (created by the Debian package). */
export const postgresUserIds = (): { uid: number; gid: number } => {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) {
    throw new LocalInfraError(
      'BINARY_MISSING',
      `running as root needs the postgres user, which the package creates: ${POSTGRES_INSTALL_COMMAND}`,
      { installCommand: POSTGRES_INSTALL_COMMAND },
    );
  }
  return { uid: Number(uid), gid: Number(gid) };
};
