import { z } from 'zod';
import { ZPersonRole } from './roles.ts';

export const ZPersonId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, dot, dash or underscore');

export const ZPerson = z.object({
  id: ZPersonId,
  displayName: z.string().min(1).max(200),
  email: z.email(),
  roles: z.array(ZPersonRole).min(1),
  team: z.string().max(100).optional(),
  lineManagerId: ZPersonId.optional(),
});
export type TPerson = z.infer<typeof ZPerson>;
