export interface TBenchRow {
  measure: string;
  engine: string;
  floor: string;
  ratio: string;
  target: string;
}

/** One markdown table, so the output pastes straight into README.md. */
export function formatTable(rows: TBenchRow[]): string {
  const header: TBenchRow = {
    measure: 'measure',
    engine: 'engine',
    floor: 'raw floor',
    ratio: 'ratio',
    target: 'target',
  };
  const columns = Object.keys(header) as (keyof TBenchRow)[];
  const widths = columns.map((column) =>
    Math.max(...[header, ...rows].map((row) => row[column].length)),
  );
  const line = (row: TBenchRow) =>
    `| ${columns.map((column, i) => row[column].padEnd(widths[i]!)).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export const perSecond = (value: number) => `${Math.round(value).toLocaleString('en-GB')}/s`;
export const seconds = (value: number) => `${value.toFixed(2)} s`;
export const millis = (value: number) => `${Math.round(value).toLocaleString('en-GB')} ms`;
export const ratio = (value: number) => `${value.toFixed(2)}×`;
export const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
