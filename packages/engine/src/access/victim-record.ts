import { AppError, ZPersonId } from '@ppda/domain';
import { z } from 'zod';
import type { TEngineDeps } from '../runtime/deps.ts';
import type { TVictimVault } from './victim-vault.ts';

/** What the engine keeps about a victim: apart from the case, sealed, never logged or sent. */
export const ZVictimDetails = z.strictObject({
  name: z.string().trim().min(1).max(200),
  contact: z
    .strictObject({
      phone: z
        .string()
        .regex(/^\+?[0-9 ()-]{6,20}$/, 'digits, spaces, brackets or dashes, optionally +')
        .optional(),
      email: z.email().optional(),
      address: z.string().trim().min(1).max(500).optional(),
      /** When and how it is safe to make contact (e.g. not when the subject may be present). */
      safeContact: z.string().trim().max(1000).optional(),
    })
    .default({}),
  preferences: z
    .strictObject({
      channel: z.enum(['phone', 'email', 'post', 'in-person', 'via-idva']).optional(),
      language: z.string().trim().max(100).optional(),
      accessibility: z.string().trim().max(1000).optional(),
      /** How often the victim wants updates, beyond the statutory 28 days. */
      updateFrequency: z.string().trim().max(200).optional(),
    })
    .default({}),
  safetyPlan: z.string().trim().max(10_000).optional(),
  /** The team that polices the victim's area (`gate.external-referral`). */
  localTeam: z.string().trim().min(1).max(100).optional(),
  /** When the victim is police officer or staff: their directory id (independence checks). */
  directoryPersonId: ZPersonId.optional(),
});
export type TVictimDetails = z.infer<typeof ZVictimDetails>;

function requireVault(deps: TEngineDeps): TVictimVault {
  if (!deps.vault) throw new AppError('unavailable', 'no victim data key is configured');
  return deps.vault;
}

export async function putVictimRecord(deps: TEngineDeps, caseId: string, details: TVictimDetails) {
  const sealed = requireVault(deps).seal(JSON.stringify(details), caseId);
  await deps.prisma.victimRecord.upsert({
    where: { caseId },
    create: { caseId, ...sealed },
    update: sealed,
  });
}

export async function getVictimRecord(
  deps: TEngineDeps,
  caseId: string,
): Promise<{ details: TVictimDetails; updatedAt: string } | null> {
  const row = await deps.prisma.victimRecord.findUnique({ where: { caseId } });
  if (!row) return null;
  const details = ZVictimDetails.parse(JSON.parse(requireVault(deps).open(row, caseId)));
  return { details, updatedAt: row.updatedAt.toISOString() };
}

/** Only what independence and routing checks need, without handing out the record. */
export async function victimFactsForChecks(deps: TEngineDeps, caseId: string) {
  if (!deps.vault) return {};
  const record = await getVictimRecord(deps, caseId);
  return {
    localTeam: record?.details.localTeam,
    personId: record?.details.directoryPersonId,
  };
}
