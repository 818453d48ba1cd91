import type { TCaseParties, TDirectoryEntry } from '@ppda/access';
import type { PrismaClient, Tx } from '@ppda/db';
import { isChiefOfficer, type TRank, ZRank } from '@ppda/domain';

type TDb = PrismaClient | Tx;

/** Line chains are short; a longer one is a data fault, not a reason to loop for ever. */
const MAX_CHAIN = 32;

const ENTRY_FIELDS = {
  id: true,
  roles: true,
  rank: true,
  force: true,
  department: true,
  team: true,
  lineManagerId: true,
} as const;

function toEntry(row: {
  id: string;
  roles: string[];
  rank: string | null;
  force: string | null;
  department: string | null;
  team: string | null;
  lineManagerId: string | null;
}): TDirectoryEntry {
  const rank = ZRank.safeParse(row.rank);
  return { ...row, rank: rank.success ? (rank.data as TRank) : null };
}

export async function loadDirectoryEntry(
  db: TDb,
  id: string,
): Promise<TDirectoryEntry | undefined> {
  const row = await db.person.findUnique({ where: { id }, select: ENTRY_FIELDS });
  return row ? toEntry(row) : undefined;
}

/** A person's line managers, nearest first (stops at a loop or a missing manager). */
export async function loadLineChain(
  db: TDb,
  person: TDirectoryEntry | undefined,
): Promise<string[]> {
  const chain: string[] = [];
  let managerId = person?.lineManagerId ?? null;
  while (
    managerId &&
    !chain.includes(managerId) &&
    managerId !== person?.id &&
    chain.length < MAX_CHAIN
  ) {
    chain.push(managerId);
    const manager = await db.person.findUnique({
      where: { id: managerId },
      select: { lineManagerId: true },
    });
    managerId = manager?.lineManagerId ?? null;
  }
  return chain;
}

/** Everyone with a declared association to `personId`, whichever of them declared it. */
export async function loadAssociates(db: TDb, personId: string): Promise<string[]> {
  const rows = await db.association.findMany({
    where: { OR: [{ personId }, { associateId: personId }] },
  });
  return [
    ...new Set(rows.map((row) => (row.personId === personId ? row.associateId : row.personId))),
  ];
}

export interface TSubjectContext {
  parties: TCaseParties;
  /** Undefined for cases opened before subjects were recorded, or a subject since removed. */
  subject: TDirectoryEntry | undefined;
}

/** The subject of a case and those the case must be kept from. */
export async function loadSubjectContext(
  db: TDb,
  subjectId: string | null,
): Promise<TSubjectContext> {
  if (!subjectId) {
    return {
      parties: {
        subjectId: null,
        subjectChain: [],
        subjectAssociates: [],
        subjectIsChiefOfficer: false,
      },
      subject: undefined,
    };
  }
  const subject = await loadDirectoryEntry(db, subjectId);
  const [subjectChain, subjectAssociates] = await Promise.all([
    loadLineChain(db, subject),
    loadAssociates(db, subjectId),
  ]);
  return {
    parties: {
      subjectId,
      subjectChain,
      subjectAssociates,
      subjectIsChiefOfficer: subject?.rank ? isChiefOfficer(subject.rank) : false,
    },
    subject,
  };
}
