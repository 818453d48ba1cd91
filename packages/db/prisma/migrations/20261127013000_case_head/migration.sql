-- The newest event's seq and hash on the case row: a write chains its event to them
-- without reading the log, and the version check on the same row orders writers.
ALTER TABLE "Case" ADD COLUMN     "headSeq" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "headHash" TEXT NOT NULL DEFAULT '0000000000000000000000000000000000000000000000000000000000000000';

UPDATE "Case" AS c SET "headSeq" = e.seq, "headHash" = e.hash
FROM (
  SELECT DISTINCT ON ("caseId") "caseId", seq, hash FROM "CaseEvent" ORDER BY "caseId", seq DESC
) AS e
WHERE e."caseId" = c.id;
