/*
 * nodemailer's quoted-printable encoder (nodemailer/lib/qp `encode` of the text's UTF-8 bytes), the same output
 * character for character: one regular expression finds the characters to escape and the literal runs between them
 * are copied whole, where nodemailer tests every byte of a Buffer against a list of ranges and appends one character
 * at a time (a twelfth of a collections sweep's CPU: the HTML and text parts of every e-mail are quoted-printable).
 * test/platform/quoted-printable.test.ts compares both on generated text, so a nodemailer upgrade that changes its
 * output fails there.
 */

const ESCAPES = Array.from({ length: 256 }, (_, byte) => `=${byte < 0x10 ? '0' : ''}${byte.toString(16).toUpperCase()}`);

/**
 * What RFC 2045 does not let stand as itself: anything but tab, CR, LF and printable ASCII other than `=`, and a blank
 * (space or tab) at the end or before a line break, where it would be taken for padding.
 */
const TO_ESCAPE = /[^\t\n\r\x20-\x3c\x3e-\x7e]|[ \t](?=[\r\n]|$)/g;

/** The `=XX` escapes of the UTF-8 bytes of the character at `index` (a lone surrogate as U+FFFD), and its length. */
function escapedCharacter(text: string, index: number): [string, number] {
  const code = text.charCodeAt(index);
  if (code < 0x80) return [ESCAPES[code]!, 1];
  if (code < 0x800) return [ESCAPES[0xc0 | (code >> 6)]! + ESCAPES[0x80 | (code & 0x3f)]!, 1];
  if (code >= 0xd800 && code <= 0xdbff) {
    const low = text.charCodeAt(index + 1);
    if (low >= 0xdc00 && low <= 0xdfff) {
      const point = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
      return [ESCAPES[0xf0 | (point >> 18)]! + ESCAPES[0x80 | ((point >> 12) & 0x3f)]! + ESCAPES[0x80 | ((point >> 6) & 0x3f)]! + ESCAPES[0x80 | (point & 0x3f)]!, 2];
    }
  }
  const unit = code >= 0xd800 && code <= 0xdfff ? 0xfffd : code;
  return [ESCAPES[0xe0 | (unit >> 12)]! + ESCAPES[0x80 | ((unit >> 6) & 0x3f)]! + ESCAPES[0x80 | (unit & 0x3f)]!, 1];
}

/** The text's UTF-8 bytes in quoted-printable, unwrapped: nodemailer's `qp.encode(Buffer.from(text, 'utf8'))`. */
export function encodeQuotedPrintable(text: string): string {
  let result = '';
  let literalFrom = 0;
  TO_ESCAPE.lastIndex = 0;
  for (let match = TO_ESCAPE.exec(text); match !== null; match = TO_ESCAPE.exec(text)) {
    if (match.index < literalFrom) continue; // the low half of a surrogate pair escaped with its high half
    const [escaped, length] = escapedCharacter(text, match.index);
    result += text.slice(literalFrom, match.index) + escaped;
    literalFrom = match.index + length;
  }
  return literalFrom === 0 ? text : result + text.slice(literalFrom);
}
