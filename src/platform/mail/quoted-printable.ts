/*
 * nodemailer's quoted-printable encoder and soft line wrapping (nodemailer/lib/qp `encode` of the text's UTF-8 bytes,
 * then `wrap`), the same output character for character: the encoder is one native replacement of what must be escaped,
 * where nodemailer tests every byte of a Buffer against a list of ranges and appends one character at a time to a
 * string (a twelfth of a collections sweep's CPU); the wrapping finds each line's
 * end by index where nodemailer cuts a substring per line and matches up to six regular expressions against it (a
 * sixth of everything a collections sweep allocated: 16 kB an e-mail, for its garbage collector to clear).
 * The wrapping builds its output as one array of slices joined once. test/platform/quoted-printable.test.ts compares both
 * with nodemailer on generated text, so a nodemailer upgrade that changes its output fails there.
 */

const HEX_DIGITS = '0123456789ABCDEF';

const byteEscape = (byte: number) => `=${HEX_DIGITS[byte >> 4]}${HEX_DIGITS[byte & 0x0f]}`;

/** The escapes of a UTF-16 unit that is not half of a pair (a lone surrogate as U+FFFD), made once per unit. */
const unitEscapes: string[] = [];

function unitEscape(code: number): string {
  let escape = unitEscapes[code];
  if (escape === undefined) {
    if (code < 0x80) escape = byteEscape(code);
    else if (code < 0x800) escape = byteEscape(0xc0 | (code >> 6)) + byteEscape(0x80 | (code & 0x3f));
    else {
      const unit = code >= 0xd800 && code <= 0xdfff ? 0xfffd : code;
      escape = byteEscape(0xe0 | (unit >> 12)) + byteEscape(0x80 | ((unit >> 6) & 0x3f)) + byteEscape(0x80 | (unit & 0x3f));
    }
    unitEscapes[code] = escape;
  }
  return escape;
}

/** The escapes of a surrogate pair's four UTF-8 bytes. */
function pairEscape(pair: string): string {
  const point = 0x10000 + ((pair.charCodeAt(0) - 0xd800) << 10) + (pair.charCodeAt(1) - 0xdc00);
  return byteEscape(0xf0 | (point >> 18)) + byteEscape(0x80 | ((point >> 12) & 0x3f)) + byteEscape(0x80 | ((point >> 6) & 0x3f)) + byteEscape(0x80 | (point & 0x3f));
}

/*
 * What does not stand as itself: a surrogate pair (one four-byte character), any character but tab, CR, LF and
 * printable ASCII other than `=`, and a blank (space or tab) at the end or before a line break, where it would be
 * taken for padding (RFC 2045): nodemailer's /[^\t\n\r\x20-\x3c\x3e-\x7e]|[ \t](?=[\r\n]|$)/ on the bytes.
 */
const ESCAPED = /[\ud800-\udbff][\udc00-\udfff]|[^\t\n\r\x20-\x3c\x3e-\x7e]|[ \t](?=[\r\n]|$)/g;

const escapeMatch = (match: string) => (match.length === 2 ? pairEscape(match) : unitEscape(match.charCodeAt(0)));

/** Room for an encoded text on its way to a one-byte string, reused from one call to the next. */
let scratch = Buffer.allocUnsafe(16_384);

/**
 * The text's UTF-8 bytes in quoted-printable, unwrapped: nodemailer's `qp.encode(Buffer.from(text, 'utf8'))`. One
 * native replacement over the text, each escape made once per character (a quarter to a third less CPU than a
 * character-by-character writer into a buffer, for an e-mail's HTML part). A text with any character above U+00FF is
 * a two-byte string, and so is V8's replacement of it, ASCII though it is: it is copied back as a one-byte string, so
 * that the wrapped lines and the whole `.eml` stay half the size and quicker to measure and write as UTF-8.
 */
export function encodeQuotedPrintable(text: string): string {
  const encoded = text.replace(ESCAPED, escapeMatch);
  if (encoded === text) return text;
  if (scratch.length < encoded.length) scratch = Buffer.allocUnsafe(encoded.length * 2);
  const length = scratch.write(encoded, 0, 'latin1');
  return scratch.toString('latin1', 0, length);
}

const isHexDigit = (code: number) => (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
/** Where nodemailer breaks a long line: a blank or a punctuation mark (`[ \t.,!?]`). */
const isBreakAfter = (code: number) => code === 0x20 || code === 0x09 || code === 0x2e || code === 0x2c || code === 0x21 || code === 0x3f;
/** What ends a line for a regular expression's `.`: LF, CR, U+2028, U+2029. */
const isLineTerminator = (code: number) => code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;

/** Whether `str[from, to)` ends with an escape `=XX` (/[=][\da-f]{2}$/i), all three characters inside it. */
function endsWithEscape(str: string, from: number, to: number): boolean {
  return to - from >= 3 && str.charCodeAt(to - 3) === 0x3d && isHexDigit(str.charCodeAt(to - 2)) && isHexDigit(str.charCodeAt(to - 1));
}

/** How many characters an escape cut short at the end of `str[from, to)` takes (/[=][\da-f]{0,1}$/i), 0 if none. */
function cutShortEscape(str: string, from: number, to: number): number {
  if (to - from >= 2 && str.charCodeAt(to - 2) === 0x3d && isHexDigit(str.charCodeAt(to - 1))) return 2;
  return to - from >= 1 && str.charCodeAt(to - 1) === 0x3d ? 1 : 0;
}

/** Whether `str[from, to)` ends with an escape, complete or not (/[=][\da-f]{0,2}$/i). */
function endsWithAnyEscape(str: string, from: number, to: number): boolean {
  return cutShortEscape(str, from, to) > 0 || endsWithEscape(str, from, to);
}

/** Whether `str[from, to)` is one to four escapes and nothing else (/^(?:=[\da-f]{2}){1,4}$/i). */
function isOnlyEscapes(str: string, from: number, to: number): boolean {
  const length = to - from;
  if (length < 3 || length > 12 || length % 3 !== 0) return false;
  for (let at = from; at < to; at += 3) if (!endsWithEscape(str, at, at + 3)) return false;
  return true;
}

/** Index of the last character of `str[from, to)` that `test` accepts, or -1. */
function lastIndexWhere(str: string, from: number, to: number, test: (code: number) => boolean): number {
  for (let at = to - 1; at >= from; at--) if (test(str.charCodeAt(at))) return at;
  return -1;
}

/**
 * Where the line `str[pos, end)` ends when it has no CRLF and does not end with LF (nodemailer's `wrap`, in order):
 * after the tail's last LF with no other line terminator behind it; for a long line, after the tail's last blank or
 * punctuation; else before an escape cut short and before the UTF-8 continuation bytes of a character it would split.
 */
function lineEnd(str: string, pos: number, end: number, lineLength: number, margin: number): number {
  const tailFrom = Math.max(pos, end - margin);
  const terminator = lastIndexWhere(str, tailFrom, end, isLineTerminator);
  if (terminator !== -1 && str.charCodeAt(terminator) === 0x0a) return terminator + 1;
  const breakAt = end - pos > lineLength - margin ? lastIndexWhere(str, tailFrom, end, isBreakAfter) : -1;
  if (breakAt !== -1) return breakAt + 1;
  let cut = end;
  if (!endsWithAnyEscape(str, pos, cut)) return cut;
  cut -= cutShortEscape(str, pos, cut);
  while (cut - pos > 3 && cut - pos < str.length - pos && !isOnlyEscapes(str, pos, cut) && endsWithEscape(str, pos, cut)) {
    const byte = parseInt(str.slice(cut - 2, cut), 16);
    if (byte < 0x80) break;
    cut -= 3;
    if (byte >= 0xc0) break;
  }
  return cut;
}

const NONE = -1;
const UNSEARCHED = -2;

/** Soft line breaks for a quoted-printable text, lines of at most `lineLength`: nodemailer's `qp.wrap(str, lineLength)`. */
export function wrapQuotedPrintable(str: string, lineLength = 76): string {
  const length = str.length;
  if (length <= lineLength) return str;
  const margin = Math.floor(lineLength / 3);
  const parts: string[] = [];
  // The next CRLF at or after `pos` (found again only once passed, so a text without one is searched once).
  let nextCrlf = UNSEARCHED;
  let pos = 0;
  while (pos < length) {
    const end = Math.min(pos + lineLength, length);
    if (nextCrlf !== NONE && nextCrlf < pos) nextCrlf = str.indexOf('\r\n', pos);
    let cut: number;
    let soft = false;
    if (nextCrlf >= 0 && nextCrlf + 2 <= end) cut = nextCrlf + 2;
    else if (str.charCodeAt(end - 1) === 0x0a) cut = end;
    else {
      cut = lineEnd(str, pos, end, lineLength, margin);
      if (cut < length && str.charCodeAt(cut - 1) !== 0x0a) {
        if (cut - pos === lineLength) cut -= endsWithEscape(str, pos, cut) ? 3 : 1;
        soft = true;
      }
    }
    parts.push(str.slice(pos, cut));
    if (soft) parts.push('=\r\n');
    pos = cut;
  }
  return parts.join('');
}
