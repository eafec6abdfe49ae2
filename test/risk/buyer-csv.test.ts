import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_BUYER_CSV_CHARS, MAX_BUYER_CSV_ROWS, parseBuyerCsv } from '../../src/risk/domain/buyer-csv.js';

const HEADER = 'country,registry_id,name,rating';

describe('buyer CSV import', () => {
  it('parses valid rows, quoted fields, escaped quotes, CRLF and a BOM', () => {
    const text = `\uFEFF${HEADER}\r\nSE,556710-4046,"Exempel ""Grossist"", AB",4\r\nNO,923609016,Fjord AS,2\r\n`;
    const result = parseBuyerCsv(text);
    expect(result.errors).toEqual([]);
    expect(result.buyers).toEqual([
      { country: 'SE', registryId: '5567104046', name: 'Exempel "Grossist", AB', rating: 4 },
      { country: 'NO', registryId: '923609016', name: 'Fjord AS', rating: 2 },
    ]);
  });

  it('reports per-row errors with the physical line number and keeps the good rows', () => {
    const text = [
      HEADER,
      'SE,5567104047,Bad Check,4',
      '',
      'DK,10150817,"Multi',
      'line name",3',
      'FI,0112038-9,Nokia-like Oy,11',
      'GB,ABC,Short,2,extra',
      'se,5567549125,Lowercase country is fine,2',
      'SE,556754-9125,Duplicate,2',
    ].join('\n');
    const result = parseBuyerCsv(text);
    expect(result.buyers.map((b) => b.registryId)).toEqual(['10150817', '5567549125']);
    expect(result.buyers[0]?.name).toBe('Multi\nline name');
    expect(result.errors.map((e) => [e.line, e.problem.code])).toEqual([
      [2, 'invalid_buyer'], [6, 'invalid_buyer'], [7, 'wrong_field_count'], [9, 'duplicate_buyer'],
    ]);
    expect(result.errors[3]?.problem).toEqual({ code: 'duplicate_buyer', firstLine: 8 });
    expect(result.errors[1]?.problem).toEqual({
      code: 'invalid_buyer', problems: [{ field: 'rating', error: { code: 'invalid_rating' } }],
    });
  });

  it('accepts columns in any order and ignores extra columns', () => {
    const result = parseBuyerCsv('Rating,Name,notes,REGISTRY_ID,country\n4,Exempel AB,hello,5567104046,SE\n');
    expect(result.errors).toEqual([]);
    expect(result.buyers).toEqual([{ country: 'SE', registryId: '5567104046', name: 'Exempel AB', rating: 4 }]);
  });

  it('refuses a file without a required column or without a header', () => {
    expect(parseBuyerCsv('country,registry_id,name\nSE,5567104046,X').errors)
      .toEqual([{ line: 1, problem: { code: 'missing_column', column: 'rating' } }]);
    expect(parseBuyerCsv('').errors).toEqual([{ line: 1, problem: { code: 'missing_column', column: 'country' } }]);
  });

  it('refuses an unterminated quote at the line where its record starts', () => {
    expect(parseBuyerCsv(`${HEADER}\nSE,5567104046,"Open,4\nNO,923609016,X,1`).errors)
      .toEqual([{ line: 2, problem: { code: 'unterminated_quote' } }]);
  });

  it('reads a last row without a trailing newline', () => {
    expect(parseBuyerCsv(`${HEADER}\nSE,5567104046,X,4`).buyers).toHaveLength(1);
  });

  it('enforces its limits', () => {
    const rows = `${HEADER}\n${'\n'.repeat(2)}${Array.from({ length: MAX_BUYER_CSV_ROWS + 1 }, () => 'GB,ABC,X,1').join('\n')}`;
    expect(parseBuyerCsv(rows).errors).toEqual([{ line: 0, problem: { code: 'too_many_rows', limit: MAX_BUYER_CSV_ROWS } }]);
    expect(parseBuyerCsv('x'.repeat(MAX_BUYER_CSV_CHARS + 1)).errors[0]?.problem.code).toBe('too_large');
  });

  it('round-trips any name through quoting', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== ''), (name) => {
      const quoted = `"${name.replace(/"/g, '""')}"`;
      const result = parseBuyerCsv(`${HEADER}\nSE,5567104046,${quoted},4\n`);
      expect(result.errors).toEqual([]);
      expect(result.buyers[0]?.name).toBe(name.trim());
    }));
  });
});
