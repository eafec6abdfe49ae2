/*
 * Large texts of a bulk write (a batch's `.eml` files) sent as one binary bytea parameter instead of strings inside
 * the batch's jsonb parameter: PostgreSQL then copies each text out of the bytes (`textSliceSql`) rather than
 * parsing and unescaping it as JSON, which was half of what an outbox row cost (EXPLAIN ANALYZE of a collections
 * batch: 64 of 122 ms for 500 e-mails), and the client sends the bytes without escaping them into JSON first. The
 * driver sends a Buffer parameter in binary form (pg) or as bytea (PGlite).
 */

/** Where one text lies in the bytes: its first byte (1-based, as SQL's substring counts) and its length in bytes. */
export interface TextSlice {
  from: number;
  bytes: number;
}

/** The texts' UTF-8 bytes, one after another, and where each lies (null stays null). */
export function textSlices(texts: readonly (string | null | undefined)[]): { bytes: Buffer; slices: (TextSlice | null)[] } {
  const lengths = texts.map((text) => (text == null ? 0 : Buffer.byteLength(text, 'utf8')));
  const bytes = Buffer.allocUnsafe(lengths.reduce((sum, length) => sum + length, 0));
  let offset = 0;
  const slices = texts.map((text, index) => {
    if (text == null) return null;
    const slice = { from: offset + 1, bytes: lengths[index]! };
    offset += bytes.write(text, offset, 'utf8');
    return slice;
  });
  return { bytes, slices };
}

/** The SQL of one text out of the bytea parameter `$<param>`, at the slice columns `<from>` and `<bytes>` (null: null). */
export function textSliceSql(param: number, from: string, bytes: string): string {
  return `CASE WHEN ${from} IS NULL THEN NULL ELSE convert_from(substring($${param}::bytea FROM ${from} FOR ${bytes}), 'UTF8') END`;
}
