import { z } from 'zod';

/** The people a case notifies or escalates to, by their part in the case. */
export const ZRecipientRole = z.enum([
  'case-owner',
  'supervisor',
  'head-of-psd',
  'appropriate-authority',
]);
export type TRecipientRole = z.infer<typeof ZRecipientRole>;

/** Roles a person can hold in the directory. */
export const ZPersonRole = z.enum([
  'investigator',
  'psd-supervisor',
  'head-of-psd',
  'appropriate-authority',
  'pcc',
  'victim-spoc',
  'criminal-oic',
  'ops',
  'oversight',
]);
export type TPersonRole = z.infer<typeof ZPersonRole>;
