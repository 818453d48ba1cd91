import type { TAuditReport } from './audit-report.ts';
import { pdfDate, renderPdf } from './pdf-file.ts';

/**
 * Recommendation 1's audit as a PDF, on the board pack's path (`renderPdf`): the totals per
 * check, then each case that fails a check with its findings in words and by id (so a reader,
 * or a test reading the file back, finds each defect by its check id).
 */
export async function auditPdf(report: TAuditReport): Promise<Buffer> {
  const checks = report.checks as Record<string, string>;
  const failing = report.cases.filter((entry) => entry.findings.length > 0);
  return renderPdf(
    { Title: 'PPDA recommendation 1 audit', Subject: `Cases as of ${report.asOf}` },
    (doc) => {
      doc.font('Helvetica-Bold').fontSize(18).text('PPDA recommendation 1 audit');
      doc
        .font('Helvetica')
        .fontSize(10)
        .text(
          `As of ${pdfDate(report.asOf)}: every live case and every case closed since ${pdfDate(report.closedSince)}`,
        )
        .moveDown();
      doc.fontSize(11);
      doc.text(`Cases audited: ${report.cases.length}`);
      doc.text(`Cases failing a check: ${failing.length}`).moveDown(0.5);
      for (const [check, count] of Object.entries(report.totals)) {
        doc.fontSize(10).text(`${checks[check] ?? check} (${check}): ${count}`);
      }
      doc.moveDown();
      for (const entry of failing) {
        doc.font('Helvetica-Bold').fontSize(12).text(entry.reference);
        doc
          .font('Helvetica')
          .fontSize(10)
          .text(
            entry.status === 'closed' && entry.closedAt
              ? `Closed ${pdfDate(entry.closedAt)}`
              : 'Live',
          );
        for (const finding of entry.findings) {
          doc.text(`Finding: ${finding}: ${checks[finding] ?? finding}`);
        }
        doc.moveDown(0.5);
      }
    },
  );
}
