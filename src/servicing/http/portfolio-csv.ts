import { validRecord, type PortfolioRecord, type RejectedRecord } from './portfolio-file.js';

/*
 * The CSV form of a portfolio file: one `create_claims` item per row (accounts are created from their first claim's
 * currency and debtor, spec A29), RFC 4180 quoting (a quoted field may hold commas, quotes as "" and line breaks).
 * The first row names the columns, in any order; only `claimReference` is required, an empty cell is an absent
 * field. Amounts are integer cents, as on the wire.
 */

/** Columns that map to a claim field of the same name. */
const CLAIM_COLUMNS = [
  'claimReference', 'accountReference', 'amount', 'totalFees', 'currency', 'originalDueDate', 'currentDueDate',
  'productReference', 'portfolioReference', 'creditorReference', 'paymentReference',
] as const;
/** Columns of the claim's primaryDebtor (debtorType is its `type`). */
const DEBTOR_COLUMNS = ['debtorReference', 'debtorType', 'firstName', 'lastName', 'companyName', 'birthday'] as const;
/** Columns of the primaryDebtor's contactInformation. */
const CONTACT_COLUMNS = ['email', 'mobileNumber', 'country', 'city', 'postalCode', 'addressLine1'] as const;
const AMOUNT_COLUMNS = new Set(['amount', 'totalFees']);

export const CSV_COLUMNS: readonly string[] = [...CLAIM_COLUMNS, ...DEBTOR_COLUMNS, ...CONTACT_COLUMNS, 'meta'];

export class CsvHeaderError extends Error {}

/** The column names of a header row; refuses unknown, repeated or missing required columns. */
export function parseCsvHeader(text: string): string[] {
  const fields = splitCsvRecord(text.replace(/^\uFEFF/, ''));
  const columns = fields?.map((field) => field.trim());
  if (!columns) throw new CsvHeaderError('The CSV header row is not valid CSV');
  const unknown = columns.filter((column) => !CSV_COLUMNS.includes(column));
  if (unknown.length > 0) throw new CsvHeaderError(`Unknown CSV column(s): ${unknown.join(', ')}. Known columns: ${CSV_COLUMNS.join(', ')}`);
  const repeated = columns.filter((column, index) => columns.indexOf(column) !== index);
  if (repeated.length > 0) throw new CsvHeaderError(`Repeated CSV column(s): ${[...new Set(repeated)].join(', ')}`);
  if (!columns.includes('claimReference')) throw new CsvHeaderError('The CSV header needs a claimReference column');
  return columns;
}

/** Whether a record's text so far leaves a quoted field open (the record goes on on the next line). */
export function csvRecordIsOpen(text: string): boolean {
  let quotes = 0;
  for (let index = text.indexOf('"'); index !== -1; index = text.indexOf('"', index + 1)) quotes += 1;
  return quotes % 2 === 1;
}

/** One CSV row (its first line number given) as a claim record, validated as create_claims would. */
export function parseCsvRecord(columns: readonly string[], text: string, line: number): PortfolioRecord | RejectedRecord {
  const fields = splitCsvRecord(text);
  if (!fields) return { line, message: 'Invalid CSV row: a quote inside an unquoted field or after a closing quote' };
  if (fields.length !== columns.length) return { line, message: `Invalid CSV row: ${columns.length} columns in the header, ${fields.length} in this row` };
  const cells = new Map<string, string>();
  columns.forEach((column, index) => {
    if (fields[index] !== '') cells.set(column, fields[index]!);
  });
  const claim: Record<string, unknown> = {};
  for (const column of CLAIM_COLUMNS) if (cells.has(column)) claim[column] = cellValue(column, cells.get(column)!);
  const debtor = debtorOf(cells);
  if (debtor) claim.primaryDebtor = debtor;
  if (cells.has('meta')) {
    try {
      claim.meta = JSON.parse(cells.get('meta')!);
    } catch {
      return { line, message: 'Invalid CSV row: meta must be a JSON object' };
    }
  }
  return validRecord('claim', claim, line);
}

/** An integer amount becomes a number; anything else is kept as text, so the schema refuses it as the API does. */
function cellValue(column: string, cell: string): unknown {
  return AMOUNT_COLUMNS.has(column) && /^-?\d{1,16}$/.test(cell) ? Number(cell) : cell;
}

function debtorOf(cells: Map<string, string>): Record<string, unknown> | undefined {
  const debtor: Record<string, unknown> = {};
  for (const column of DEBTOR_COLUMNS) if (cells.has(column)) debtor[column === 'debtorType' ? 'type' : column] = cells.get(column);
  const contact: Record<string, unknown> = {};
  for (const column of CONTACT_COLUMNS) if (cells.has(column)) contact[column] = cells.get(column);
  if (Object.keys(contact).length > 0) debtor.contactInformation = contact;
  return Object.keys(debtor).length > 0 ? debtor : undefined;
}

/** RFC 4180 fields of one record, or undefined when its quoting is broken. */
export function splitCsvRecord(text: string): string[] | undefined {
  const fields: string[] = [];
  let index = 0;
  for (;;) {
    if (text[index] === '"') {
      let value = '';
      index += 1;
      for (;;) {
        const close = text.indexOf('"', index);
        if (close === -1) return undefined;
        value += text.slice(index, close);
        if (text[close + 1] === '"') {
          value += '"';
          index = close + 2;
          continue;
        }
        index = close + 1;
        break;
      }
      fields.push(value);
      if (index === text.length) return fields;
      if (text[index] !== ',') return undefined;
      index += 1;
      continue;
    }
    const comma = text.indexOf(',', index);
    const value = comma === -1 ? text.slice(index) : text.slice(index, comma);
    if (value.includes('"')) return undefined;
    fields.push(value);
    if (comma === -1) return fields;
    index = comma + 1;
  }
}
