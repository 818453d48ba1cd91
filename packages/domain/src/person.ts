import { z } from 'zod';
import { ZRank } from './rank.ts';
import { ZPersonRole } from './roles.ts';

export const ZPersonId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, dot, dash or underscore');

/** A force code, e.g. `XX` or `met`: who employs the person. */
export const ZForceCode = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,31}$/i, 'letters, digits and dashes (a force code)');

/** A department code, e.g. `psd`, `domestic-abuse`, `response`: routing policy compares them. */
export const ZDepartment = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lowercase letters, digits and dashes (a department code)');

/** One officer or member of staff in the directory. */
export const ZPerson = z.object({
  id: ZPersonId,
  displayName: z.string().min(1).max(200),
  email: z.email(),
  roles: z.array(ZPersonRole).default([]),
  rank: ZRank,
  force: ZForceCode,
  department: ZDepartment.optional(),
  team: z.string().min(1).max(100).optional(),
  lineManagerId: ZPersonId.optional(),
  /** The day they left the force (HR feed): a leaver is deactivated, never deleted. */
  leftAt: z.iso.date().optional(),
});
export type TPerson = z.input<typeof ZPerson>;

/** A declared association between two people (family, friendship, business, ...). */
export const ZAssociation = z.object({
  personId: ZPersonId,
  associateId: ZPersonId,
  reason: z.string().trim().min(3).max(500),
  /** The day the association was withdrawn (HR feed): it no longer bars anyone. */
  withdrawnAt: z.iso.date().optional(),
});
export type TAssociation = z.infer<typeof ZAssociation>;
