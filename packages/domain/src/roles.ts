import { z } from 'zod';

/**
 * The people a case notifies or escalates to, by their part in the case. `criminal-oic` and
 * `victim-spoc` are whoever is assigned to the case in that part (the case owner until then).
 */
export const ZRecipientRole = z.enum([
  'case-owner',
  'supervisor',
  'head-of-psd',
  'appropriate-authority',
  'criminal-oic',
  'victim-spoc',
  'vetting-authority',
]);
export type TRecipientRole = z.infer<typeof ZRecipientRole>;

/**
 * Roles a person can hold in the directory. `oversight`, `auditor` and `iopc` are read-only;
 * `pcc` is read-only oversight too, and the appropriate authority when the subject is the
 * chief constable. `appropriate-authority` (the delegated AA, normally the DCC), `head-of-psd`
 * and `chief-constable` make a person a candidate to act for a case: who acts for each case is
 * resolved from the directory (`@ppda/access` whoActsFor), not read off the role.
 * `vetting-authority` (the force vetting manager, holding the chief officer's functions under
 * the Police (Vetting) Regulations 2025) is a candidate to act for a case's vetting route in the
 * same way; without an unconflicted holder the case's AA acts in it.
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
  'vetting-authority',
]);
export type TPersonRole = z.infer<typeof ZPersonRole>;
export const PERSON_ROLES: readonly TPersonRole[] = ZPersonRole.options;
