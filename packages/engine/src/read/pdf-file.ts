/** A pdfkit document, as the engine's reports draw on it. */
export type TPdfDoc = PDFKit.PDFDocument;

const pdfDay = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
/** An instant as its London day, as the reports print it (`Mon 3 Mar 2025`). */
export const pdfDate = (iso: string) => pdfDay.format(new Date(iso));

/**
 * The one PDF path of the engine's reports (the board pack, the audit): pdfkit, in-process,
 * standard fonts, so nothing is installed beside the engine. `draw` writes the pages; the
 * finished file is returned.
 */
export async function renderPdf(
  info: { Title: string; Subject: string },
  draw: (doc: TPdfDoc) => void,
): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 50, info });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc);
  doc.end();
  return done;
}
