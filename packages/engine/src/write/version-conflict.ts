/** Optimistic concurrency lost: someone else changed the case first. Retried internally. */
export class VersionConflict extends Error {
  override readonly name = 'VersionConflict';
  constructor(readonly caseId: string) {
    super(`case ${caseId} changed concurrently`);
  }
}
