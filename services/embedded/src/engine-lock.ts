import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * The embedded engine holds its PGlite database alone: a second process opening it (a CLI
 * while `npm start` runs) corrupts PGlite's state. The running engine writes this lock with
 * its pid and address; the CLIs read it and refuse instead.
 */
export interface TEngineLock {
  pid: number;
  address: string;
}

const engineLockFile = (dataDir: string) => join(resolve(dataDir), 'engine.lock');

export async function writeEngineLock(
  dataDir: string,
  lock: TEngineLock,
): Promise<() => Promise<void>> {
  const file = engineLockFile(dataDir);
  await writeFile(file, `${JSON.stringify(lock)}\n`);
  return () => rm(file, { force: true });
}

/** The running engine holding DATA_DIR, or undefined (no lock, or its process is gone). */
export async function runningEngine(dataDir: string): Promise<TEngineLock | undefined> {
  const text = await readFile(engineLockFile(dataDir), 'utf8').catch(() => undefined);
  if (!text) return undefined;
  try {
    const lock = JSON.parse(text) as TEngineLock;
    process.kill(lock.pid, 0); // throws when no such process: a lock left by a crash
    return lock;
  } catch {
    return undefined;
  }
}
