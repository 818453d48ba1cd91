import { WorkingCalendar } from './working-calendar.ts';

/** The working calendar on the shipped gov.uk data: what the engine should use. */
export const englandAndWales = new WorkingCalendar();
