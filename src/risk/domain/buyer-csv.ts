// Decision: RFC 4180 CSV (comma, "" escapes, quoted newlines, CRLF or LF, optional BOM); header names are matched
// case-insensitively in any order and extra columns are ignored; blank lines are skipped; a duplicate buyer is an error.
import { type Buyer, type BuyerError, buyerKey, createBuyer } from './buyer.js';
import { parseRating } from './ratings.js';

export const BUYER_CSV_COLUMNS = ['country', 'registry_id', 'name', 'rating'] as const;
export const MAX_BUYER_CSV_ROWS = 100_000;
export const MAX_BUYER_CSV_CHARS = 20_000_000;

export type BuyerCsvProblem =
  | { readonly code: 'missing_column'; readonly column: string }
  | { readonly code: 'unterminated_quote' }
  | { readonly code: 'too_many_rows'; readonly limit: number }
  | { readonly code: 'too_large'; readonly limit: number }
  | { readonly code: 'wrong_field_count'; readonly expected: number; readonly actual: number }
  | { readonly code: 'invalid_buyer'; readonly problems: readonly BuyerError[] }
  | { readonly code: 'duplicate_buyer'; readonly firstLine: number };

export interface BuyerCsvError {
  /** 1-based physical line where the record starts (the header is line 1); 0 for a file-level problem. */
  readonly line: number;
  readonly problem: BuyerCsvProblem;
}

export interface BuyerCsvResult {
  readonly buyers: readonly Buyer[];
  readonly errors: readonly BuyerCsvError[];
}

interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

/** Pure: takes the file's text, returns the valid buyers and one error per bad row. */
export function parseBuyerCsv(text: string): BuyerCsvResult {
  if (text.length > MAX_BUYER_CSV_CHARS) return fileError(0, { code: 'too_large', limit: MAX_BUYER_CSV_CHARS });
  const { records, error } = splitRecords(text.replace(/^\uFEFF/, ''));
  if (error) return fileError(error.line, error.problem);
  const [header, ...rows] = records;
  if (!header) return fileError(1, { code: 'missing_column', column: BUYER_CSV_COLUMNS[0] });
  const columns = locateColumns(header.fields);
  if ('missing' in columns) return fileError(1, { code: 'missing_column', column: columns.missing });
  if (rows.length > MAX_BUYER_CSV_ROWS) return fileError(0, { code: 'too_many_rows', limit: MAX_BUYER_CSV_ROWS });
  return collectBuyers(rows, columns.positions, header.fields.length);
}

function fileError(line: number, problem: BuyerCsvProblem): BuyerCsvResult {
  return { buyers: [], errors: [{ line, problem }] };
}

type ColumnPositions = Record<(typeof BUYER_CSV_COLUMNS)[number], number>;

function locateColumns(header: readonly string[]): { positions: ColumnPositions } | { missing: string } {
  const names = header.map((name) => name.trim().toLowerCase());
  const positions: Partial<ColumnPositions> = {};
  for (const column of BUYER_CSV_COLUMNS) {
    const index = names.indexOf(column);
    if (index < 0) return { missing: column };
    positions[column] = index;
  }
  return { positions: positions as ColumnPositions };
}

function collectBuyers(rows: readonly CsvRecord[], at: ColumnPositions, width: number): BuyerCsvResult {
  const buyers: Buyer[] = [];
  const errors: BuyerCsvError[] = [];
  const firstLineOf = new Map<string, number>();
  for (const row of rows) {
    if (row.fields.length !== width) {
      errors.push({ line: row.line, problem: { code: 'wrong_field_count', expected: width, actual: row.fields.length } });
      continue;
    }
    const field = (index: number): string => row.fields[index] ?? '';
    const rating = parseRating(field(at.rating));
    const result = createBuyer({
      country: field(at.country).trim().toUpperCase(), registryId: field(at.registry_id), name: field(at.name), rating,
    });
    if (!result.ok) {
      errors.push({ line: row.line, problem: { code: 'invalid_buyer', problems: result.error } });
      continue;
    }
    const key = buyerKey(result.value.country, result.value.registryId);
    const firstLine = firstLineOf.get(key);
    if (firstLine !== undefined) {
      errors.push({ line: row.line, problem: { code: 'duplicate_buyer', firstLine } });
      continue;
    }
    firstLineOf.set(key, row.line);
    buyers.push(result.value);
  }
  return { buyers, errors };
}

interface SplitResult {
  readonly records: readonly CsvRecord[];
  readonly error: BuyerCsvError | null;
}

/** Splits CSV text into records of fields, tracking the line each record starts on. Blank lines are dropped. */
function splitRecords(text: string): SplitResult {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;
  const endRecord = (): void => {
    fields.push(field);
    const blank = fields.length === 1 && fields[0] === '' && !fieldStarted;
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === '\n') line += 1;
        field += char;
      }
      continue;
    }
    if (char === '"') {
      quoted = true;
      fieldStarted = true;
    } else if (char === ',') {
      fields.push(field);
      field = '';
      fieldStarted = true;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      field += char;
      fieldStarted = true;
    }
  }
  if (quoted) return { records, error: { line: recordLine, problem: { code: 'unterminated_quote' } } };
  if (field !== '' || fields.length > 0 || fieldStarted) endRecord();
  return { records, error: null };
}
