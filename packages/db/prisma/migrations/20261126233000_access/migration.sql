-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "department" TEXT,
ADD COLUMN     "force" TEXT,
ADD COLUMN     "rank" TEXT;

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "subjectId" TEXT;

-- CreateTable
CREATE TABLE "Association" (
    "personId" TEXT NOT NULL,
    "associateId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "declaredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Association_pkey" PRIMARY KEY ("personId","associateId")
);

-- CreateTable
CREATE TABLE "CaseAssignment" (
    "id" BIGSERIAL NOT NULL,
    "caseId" UUID NOT NULL,
    "personId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "assignedAt" TIMESTAMP(3) NOT NULL,
    "assignedBy" TEXT NOT NULL,
    "endedAt" TIMESTAMP(3),
    "endedBy" TEXT,

    CONSTRAINT "CaseAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessLogEntry" (
    "id" BIGSERIAL NOT NULL,
    "personId" TEXT NOT NULL,
    "caseId" UUID,
    "route" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "allowed" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccessLogEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VictimRecord" (
    "caseId" UUID NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "iv" TEXT NOT NULL,
    "authTag" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VictimRecord_pkey" PRIMARY KEY ("caseId")
);

-- CreateIndex
CREATE INDEX "Association_associateId_idx" ON "Association"("associateId");

-- CreateIndex
CREATE INDEX "CaseAssignment_caseId_personId_idx" ON "CaseAssignment"("caseId", "personId");

-- CreateIndex
CREATE INDEX "CaseAssignment_personId_idx" ON "CaseAssignment"("personId");

-- CreateIndex
CREATE INDEX "AccessLogEntry_caseId_at_idx" ON "AccessLogEntry"("caseId", "at");

-- CreateIndex
CREATE INDEX "AccessLogEntry_personId_at_idx" ON "AccessLogEntry"("personId", "at");

-- CreateIndex
CREATE INDEX "Case_subjectId_idx" ON "Case"("subjectId");

-- AddForeignKey
ALTER TABLE "CaseAssignment" ADD CONSTRAINT "CaseAssignment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VictimRecord" ADD CONSTRAINT "VictimRecord_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
