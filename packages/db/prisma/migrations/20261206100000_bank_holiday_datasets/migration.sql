-- Bank-holiday datasets ops import (gov.uk-shaped files): each version is the effective
-- published data (merged over the versions before), with who imported it and what changed.
-- Every process builds its calendar from the newest row merged over the shipped data.
CREATE TABLE "BankHolidayDataset" (
    "version" INTEGER NOT NULL,
    "division" JSONB NOT NULL,
    "publishedTo" TEXT NOT NULL,
    "added" TEXT[],
    "removed" TEXT[],
    "source" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "importedBy" TEXT NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL,
    "replannedAt" TIMESTAMP(3),

    CONSTRAINT "BankHolidayDataset_pkey" PRIMARY KEY ("version")
);

-- Which dataset a timer's schedule was planned with (0: the shipped data), so a refresh can
-- find every running timer planned under an older one, even after a crash; and whether the
-- schedule relied on holidays projected by rule rather than published.
ALTER TABLE "Timer" ADD COLUMN     "calendarVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "projected" BOOLEAN NOT NULL DEFAULT false;

CREATE INDEX "Timer_status_calendarVersion_idx" ON "Timer"("status", "calendarVersion");
