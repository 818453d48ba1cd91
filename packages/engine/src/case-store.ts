import type { Prisma, Tx } from '@ppda/db';
import { AppError } from '@ppda/domain';
import { MACHINE_VERSION, persistCase, restoreCase, type TCaseSnapshot } from '@ppda/ppda-case';
import type { TEngineDeps } from './deps.ts';
import { VersionConflict } from './errors.ts';

export async function loadCase(deps: TEngineDeps, caseId: string) {
  const row = await deps.prisma.case.findUnique({ where: { id: caseId } });
  if (!row) throw new AppError('not-found', `no case ${caseId}`);
  return { row, snapshot: restoreCase(row.snapshot, row.machineVersion) };
}

/** Save the next snapshot if nobody else has written since `version` was read. */
export async function saveSnapshot(
  tx: Tx,
  caseId: string,
  version: number,
  next: TCaseSnapshot,
): Promise<number> {
  const { count } = await tx.case.updateMany({
    where: { id: caseId, version },
    data: {
      version: version + 1,
      machineVersion: MACHINE_VERSION,
      snapshot: persistCase(next) as Prisma.InputJsonValue,
      stateValue: next.value as Prisma.InputJsonValue,
      status: next.status === 'done' ? 'closed' : 'open',
    },
  });
  if (count === 0) throw new VersionConflict(caseId);
  return version + 1;
}

/** Re-run `attempt` when a concurrent writer won; the loser re-reads and re-decides. */
export async function retryOnConflict<T>(attempt: () => Promise<T>, tries = 8): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error;
      // Still losing after every retry: a 409 the caller can retry, not an internal error.
      if (i >= tries) throw new AppError('conflict', `case ${error.caseId} is busy; retry`);
    }
  }
}
