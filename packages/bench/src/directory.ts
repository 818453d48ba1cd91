import type { PrismaClient } from '@ppda/db';
import type { TPerson } from '@ppda/domain';
import { seedDirectory, type TActor, type TReportAllegation } from '@ppda/engine';

/** A small fictional directory: the owner, their supervisor, the Head of PSD and the AA. */
export const BENCH_PEOPLE: TPerson[] = [
  {
    id: 'inv-1',
    displayName: 'DS Bench Owner',
    email: 'owner@psd.test',
    roles: ['investigator'],
    rank: 'DS',
    force: 'xx',
    lineManagerId: 'sup-1',
  },
  {
    id: 'sup-1',
    displayName: 'DI Bench Supervisor',
    email: 'supervisor@psd.test',
    roles: ['psd-supervisor'],
    rank: 'DI',
    force: 'xx',
    lineManagerId: 'head-1',
  },
  {
    id: 'head-1',
    displayName: 'Supt Bench Head',
    email: 'head@psd.test',
    roles: ['head-of-psd'],
    rank: 'Supt',
    force: 'xx',
  },
  {
    id: 'aa-1',
    displayName: 'DCC Bench',
    email: 'aa@force.test',
    roles: ['appropriate-authority'],
    rank: 'DCC',
    force: 'xx',
  },
  {
    // The accused officer every bench case is about (POST /cases needs a subject).
    id: 'subj-1',
    displayName: 'PC Bench Subject',
    email: 'subject@force.test',
    rank: 'PC',
    force: 'xx',
    department: 'response',
    team: 'response-north',
  },
];

/** Bootstrap the bench directory into a fresh database (idempotent: once bootstrapped, kept). */
export async function loadBenchDirectory(prisma: PrismaClient): Promise<void> {
  await seedDirectory({ prisma }, { people: BENCH_PEOPLE }, 'bench');
}

/** The report every seeded case is a copy of: owned by the bench owner, about the subject. */
export const BENCH_REPORT: TReportAllegation = {
  ownerId: 'inv-1',
  subjectId: 'subj-1',
  referralCriteriaMet: [],
  conductDate: '2025-01-06',
  conductDateSource: 'victim-account',
};

export const BENCH_ACTOR: TActor = { id: 'inv-1', role: 'investigator' };
