import { z } from 'zod';

/** The people a case notifies or escalates to, by their part in the case. */
export const ZRecipientRole = z.enum([
  'case-owner',
  'supervisor',
  'head-of-psd',
  'appropriate-authority',
]);
export type TRecipientRole = z.infer<typeof ZRecipientRole>;

/**
 * Roles a person can hold in the directory. `oversight`, `auditor` and `iopc` are read-only;
 * `pcc` is read-only oversight too, and the appropriate authority when the subject is the
 * chief officer. `chief-constable` is the chief officer: the AA in law for every subject but
 * themselves.
 */
export const ZPersonRole = z.enum([
  'investigator',
  'psd-supervisor',
  'head-of-psd',
  'appropriate-authority',
  'chief-constable',
  'pcc',
  'victim-spoc',
  'criminal-oic',
  'ops',
  'oversight',
  'auditor',
  'iopc',
]);
export type TPersonRole = z.infer<typeof ZPersonRole>;
export const PERSON_ROLES: readonly TPersonRole[] = ZPersonRole.options;
