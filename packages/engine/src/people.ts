import type { PrismaClient } from '@ppda/db';
import { AppError, issuesFromZod, type TPerson, ZPerson } from '@ppda/domain';
import { z } from 'zod';

/** Load (or refresh) directory entries; each row is validated before any is written. */
export async function upsertPeople(prisma: PrismaClient, people: unknown): Promise<number> {
  const parsed = z.array(ZPerson).safeParse(people);
  if (!parsed.success) {
    throw new AppError('validation', 'invalid people', {
      issues: issuesFromZod(parsed.error, 'people'),
    });
  }
  await prisma.$transaction(async (tx) => {
    for (const person of parsed.data as TPerson[]) {
      const data = {
        displayName: person.displayName,
        email: person.email,
        roles: person.roles,
        team: person.team ?? null,
        lineManagerId: person.lineManagerId ?? null,
      };
      await tx.person.upsert({
        where: { id: person.id },
        create: { id: person.id, ...data },
        update: data,
      });
    }
  });
  return parsed.data.length;
}
