-- Relayed outbox rows are deleted instead of marked: nothing reads them once relayed, the
-- table stayed as large as the event log, and marking updated an indexed column (a new row
-- version and index entries for every row).
DELETE FROM "OutboxEntry" WHERE "relayedAt" IS NOT NULL;

DROP INDEX "OutboxEntry_relayedAt_idx";

ALTER TABLE "OutboxEntry" DROP COLUMN "relayedAt";
