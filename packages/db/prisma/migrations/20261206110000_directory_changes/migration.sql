-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "leftAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "DirectoryChange" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actorId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "rationale" TEXT,

    CONSTRAINT "DirectoryChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DirectoryChange_personId_id_idx" ON "DirectoryChange"("personId", "id");

-- CreateIndex
CREATE INDEX "DirectoryChange_at_id_idx" ON "DirectoryChange"("at", "id");
