// What every report is drawn as: named columns and rows of plain values. The JSON answer, the CSV, the PDF, the
// screen's table and its chart are all rendered from this one value, so they cannot disagree.

export type ColumnKind = 'text' | 'count' | 'money' | 'ratio' | 'days';

export interface ReportColumn {
  key: string;
  label: string;
  kind: ColumnKind;
}

/** A cell: text, a count, or a decimal string (money in major units, ratios, days); null where nothing applies. */
export type ReportCell = string | number | null;

export interface ReportTable {
  report: string;
  title: string;
  /** The business date the report shows the book at the close of (YYYY-MM-DD). */
  asOf: string;
  /** The report's parameters (e.g. `{ by: 'country' }`), and the customer it is narrowed to, if any. */
  parameters: Record<string, string>;
  columns: ReportColumn[];
  rows: Record<string, ReportCell>[];
  /** What the screen charts: the column along the x axis and the numeric columns drawn against it. */
  chart: { x: string; series: string[] };
}

/** RFC 4180 CSV: a header of column labels, CRLF line ends, fields quoted where they hold a comma, quote or line end. */
export function reportCsv(table: ReportTable): string {
  const lines = [table.columns.map((column) => csvField(column.label))];
  for (const row of table.rows) lines.push(table.columns.map((column) => csvField(row[column.key] ?? null)));
  return `${lines.map((fields) => fields.join(',')).join('\r\n')}\r\n`;
}

function csvField(value: ReportCell): string {
  if (value === null) return '';
  const text = String(value);
  // A leading =, +, - or @ would be read as a formula by a spreadsheet: prefix a quote (OWASP CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The file name a download or an attachment of the table carries. */
export function reportFileName(table: ReportTable, extension: 'csv' | 'pdf'): string {
  const parameters = Object.values(table.parameters).map((value) => value.replace(/[^A-Za-z0-9_-]/g, '')).filter((value) => value !== '');
  return `${[table.report, ...parameters, table.asOf].join('-')}.${extension}`;
}
