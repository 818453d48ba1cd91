export {
  type TBankHolidayDivision,
  type TBankHolidayEvent,
  ZBankHolidayDivision,
  ZBankHolidayEvent,
  ZGovUkBankHolidays,
} from './bank-holiday-schema.ts';
export { englandAndWalesBankHolidays } from './bank-holidays.ts';
export { CalendarCoverageError } from './calendar-coverage-error.ts';
export {
  type Duration,
  type TDuration,
  type TDurationUnit,
  ZDuration,
  ZDurationUnit,
} from './duration.ts';
export { englandAndWales } from './england-and-wales.ts';
export { mergeBankHolidays } from './merge-bank-holidays.ts';
export { projectedBankHolidays } from './projected-bank-holidays.ts';
export {
  PROJECTION_YEARS,
  type TTracked,
  type TWorkingCalendarOptions,
  WorkingCalendar,
} from './working-calendar.ts';
