import { MACHINE_VERSION } from '../machine.ts';
import { migrateV1ToV2 } from './v1-to-v2.ts';
import { migrateV2ToV3 } from './v2-to-v3.ts';
import { migrateV3ToV4 } from './v3-to-v4.ts';

/** Step n turns a snapshot of version n into one of version n + 1. */
const STEPS: Record<number, (persisted: unknown) => unknown> = {
  1: migrateV1ToV2,
  2: migrateV2ToV3,
  3: migrateV3ToV4,
};

export class SnapshotVersionError extends Error {
  override readonly name = 'SnapshotVersionError';
}

/** Bring a persisted snapshot of any earlier machine version up to the current one. */
export function migrateSnapshot(persisted: unknown, fromVersion: number): unknown {
  if (fromVersion > MACHINE_VERSION) {
    throw new SnapshotVersionError(
      `snapshot of machine version ${fromVersion} is newer than this engine's ${MACHINE_VERSION}`,
    );
  }
  let snapshot = persisted;
  for (let version = fromVersion; version < MACHINE_VERSION; version++) {
    const step = STEPS[version];
    if (!step) throw new SnapshotVersionError(`no migration from machine version ${version}`);
    snapshot = step(snapshot);
  }
  return snapshot;
}
