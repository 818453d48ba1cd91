-- A burst of refused reads is alerted by mail about a person, not a case.
ALTER TABLE "Notification" ALTER COLUMN "caseId" DROP NOT NULL;
-- /metrics counts the burst alerts on every scrape: only such rows are in the index.
CREATE INDEX "Notification_access_burst_idx" ON "Notification" (id) WHERE kind = 'access-burst';
