import { type TBankHolidayDivision, ZBankHolidayDivision } from './bank-holiday-schema.ts';
import shipped from './data/england-and-wales-bank-holidays.json' with { type: 'json' };

/** The shipped England and Wales bank holidays, validated when the module loads. */
export const englandAndWalesBankHolidays: TBankHolidayDivision =
  ZBankHolidayDivision.parse(shipped);
