import { auditPdf } from './audit-pdf.ts';
import type { TAuditReport } from './audit-report.ts';
import { auditCsv, boardPackCsv, boardPackPdf, type TBoardPack } from './board-pack.ts';
import { statisticsCsv, type TStatisticsExport } from './statistics-export.ts';

export type TReportFormat = 'csv' | 'pdf';

/** How one report is written as files: its file name, and a writer per format it comes in. */
export interface TReportFiles<T> {
  /** The file name without its extension. */
  name(data: T): string;
  formats: Partial<Record<TReportFormat, (data: T) => string | Buffer | Promise<Buffer>>>;
}

const CONTENT_TYPE: Record<TReportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

const londonDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** `ppda-<name>-<yyyy-mm-dd>`: the London date the report was made. */
const datedName =
  (name: string) =>
  ({ asOf }: { asOf: string }) =>
    `ppda-${name}-${londonDay.format(new Date(asOf))}`;

const audit: TReportFiles<TAuditReport> = {
  name: datedName('audit'),
  formats: { csv: auditCsv, pdf: auditPdf },
};
const boardPack: TReportFiles<TBoardPack> = {
  name: datedName('board-pack'),
  formats: { csv: boardPackCsv, pdf: boardPackPdf },
};
const statistics: TReportFiles<TStatisticsExport> = {
  name: ({ from, to }) => `ppda-statistics-${from}-to-${to}`,
  formats: { csv: statisticsCsv },
};

/**
 * The oversight reports as files (the Rec-1 audit, the 28-day board pack, the statistics
 * export), declared once for the API's downloads and the web's.
 */
export const REPORT_FILES = { audit, boardPack, statistics };

/** One report in one format, as a download: its content type, disposition and body. */
export async function reportFile<T>(
  files: TReportFiles<T>,
  format: TReportFormat,
  data: T,
): Promise<{ contentType: string; disposition: string; body: string | Buffer }> {
  const write = files.formats[format];
  if (!write) throw new Error(`no ${format} file for this report`);
  return {
    contentType: CONTENT_TYPE[format],
    disposition: `attachment; filename="${files.name(data)}.${format}"`,
    body: await write(data),
  };
}
