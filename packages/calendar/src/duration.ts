import { z } from 'zod';

export const ZDurationUnit = z.enum([
  'working-days',
  'calendar-days',
  'weeks',
  'months',
  'hours-excluding-sundays-and-bank-holidays',
]);
export type TDurationUnit = z.infer<typeof ZDurationUnit>;

/** How long a clock runs from its anchor, as the policy pack states it. */
export const ZDuration = z.object({
  amount: z.number().int().min(0),
  unit: ZDurationUnit,
});
export type TDuration = z.infer<typeof ZDuration>;
/** Alias of `TDuration`. */
export type Duration = TDuration;
