export { CASE_REFERENCE_PATTERN, createCaseReference } from './case-reference.ts';
export { AppError, type TAppErrorCode, type TIssue } from './errors.ts';
export {
  type TAssociation,
  type TPerson,
  ZAssociation,
  ZDepartment,
  ZForceCode,
  ZPerson,
  ZPersonId,
} from './person.ts';
export {
  CHIEF_OFFICER_LEVEL,
  isChiefOfficer,
  isChiefOfficerRank,
  RANK_LEVEL,
  RANKS,
  rankLevel,
  type TRank,
  ZRank,
} from './rank.ts';
export {
  PERSON_ROLES,
  type TPersonRole,
  type TRecipientRole,
  ZPersonRole,
  ZRecipientRole,
} from './roles.ts';
export { issuesFromZod } from './zod-issues.ts';
