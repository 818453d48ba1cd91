-- What ops did (design.md, principle 8): each ops command, who ran it, on what, and what it
-- changed; and each signed checkpoint of the case chains. Append-only, like the access log.
CREATE TABLE "OpsLogEntry" (
    "id" BIGSERIAL NOT NULL,
    "personId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "outcome" TEXT NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OpsLogEntry_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "OpsLogEntry_at_idx" ON "OpsLogEntry"("at");
