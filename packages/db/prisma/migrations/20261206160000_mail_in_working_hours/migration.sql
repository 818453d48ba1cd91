-- Mail that leads somewhere (issue 18): an HTML part, an optional calendar attachment, and the
-- instant the mail may go (working hours), kept apart from the rung's own legal instant.
ALTER TABLE "Notification" ADD COLUMN "html" TEXT;
ALTER TABLE "Notification" ADD COLUMN "ics" TEXT;
ALTER TABLE "Notification" ADD COLUMN "sendAt" TIMESTAMP(3);
