import { ZDepartment, ZRank } from '@ppda/domain';
import { z } from 'zod';

/**
 * Local policy for independence and external referral (rules.md, `gate.external-referral`
 * and `gate.investigator-independence`). Data, so a force can tighten it.
 */
export const ZAccessPolicy = z.object({
  version: z.number().int().positive(),
  externalForce: z.object({
    /** A subject at or above this rank (or its staff equivalent) goes to another force. */
    fromRank: ZRank,
    /** A subject working in one of these departments goes to another force. */
    departments: z.array(ZDepartment),
    /** A subject in the victim's local team goes to another force. */
    victimLocalTeam: z.boolean(),
  }),
  /** A subject at or above this rank needs an investigator from another force. */
  otherForceFromRank: ZRank,
});
export type TAccessPolicy = z.infer<typeof ZAccessPolicy>;

export const defaultAccessPolicy: TAccessPolicy = ZAccessPolicy.parse({
  version: 1,
  externalForce: {
    fromRank: 'Supt',
    departments: ['psd', 'domestic-abuse'],
    victimLocalTeam: true,
  },
  otherForceFromRank: 'ACC',
});
