export { CASE_REFERENCE_PATTERN, createCaseReference } from './case-reference.ts';
export { AppError, type TAppErrorCode, type TIssue } from './errors.ts';
export { type TPerson, ZPerson, ZPersonId } from './person.ts';
export {
  type TPersonRole,
  type TRecipientRole,
  ZPersonRole,
  ZRecipientRole,
} from './roles.ts';
export { issuesFromZod } from './zod-issues.ts';
