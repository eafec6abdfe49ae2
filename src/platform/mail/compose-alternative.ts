import { randomUUID } from 'node:crypto';
import base64 from 'nodemailer/lib/base64/index.js';
import MimeNode from 'nodemailer/lib/mime-node/index.js';
import mimeFuncs from 'nodemailer/lib/mime-funcs/index.js';
import { encodeQuotedPrintable, wrapQuotedPrintable } from './quoted-printable.js';

/*
 * The common e-mail (a text and an HTML alternative, no attachments), and a stored SMS, composed in one synchronous pass, byte for byte
 * the message nodemailer's MailComposer builds (apart from the random boundary): the same header encoders (one
 * MimeNode kept for its header-value encoding: addresses, encoded words), the same folding and the same
 * transfer-encoding choice and encoders for each part (the quoted-printable encoder and wrapping in quoted-printable.ts,
 * their equals).
 * What it skips is the composer's stream pipeline, which cost about four times the encoding itself for every message
 * of a collections sweep. test/platform/mail-compose.test.ts
 * compares both on generated messages, so a nodemailer upgrade that changes its output fails there.
 */

export interface AlternativeMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  date: Date;
  /** The complete Message-ID value, `<id@domain>`. */
  messageId: string;
  language?: string;
}

interface HeaderEncoder {
  _encodeHeaderValue(key: string, value: unknown): string;
}

/** nodemailer's header-value encoding (its private method, pinned by the comparison test). */
const headerEncoder = new MimeNode('text/plain') as unknown as HeaderEncoder;

const TEXT_TYPE = mimeFuncs.buildHeaderValue(mimeFuncs.parseHeaderValue('text/plain; charset=utf-8'));
const HTML_TYPE = mimeFuncs.buildHeaderValue(mimeFuncs.parseHeaderValue('text/html; charset=utf-8'));

/** A bare ASCII address with a lower-case domain: nodemailer's address parsing and punycoding leave it as it is. */
const BARE_ADDRESS = /^[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;
const ENCLOSED_ID = /^<[^\r\n]*>$/;

/** The value of a header nodemailer would encode unchanged (a recipient's bare address, a Message-ID in <>), else undefined. */
function unchangedValue(key: string, value: unknown): string | undefined {
  if (key === 'To' && Array.isArray(value) && value.length === 1 && typeof value[0] === 'string' && BARE_ADDRESS.test(value[0])) return value[0];
  if (key === 'Message-ID' && typeof value === 'string' && ENCLOSED_ID.test(value)) return value;
  return undefined;
}

/** A header line, folded; empty when its encoded value is blank (nodemailer leaves such a header out). */
function header(key: string, value: unknown): string {
  const unchanged = unchangedValue(key, value);
  // A line shorter than 76 characters is one nodemailer does not fold.
  if (unchanged !== undefined && key.length + 2 + unchanged.length < 76) return `${key}: ${unchanged}`;
  const encoded = headerEncoder._encodeHeaderValue(key, value);
  return encoded.trim() === '' ? '' : mimeFuncs.foldLines(`${key}: ${encoded}`, 76);
}

/** Header lines a batch repeats (the sender, the subject of a template, the batch's date), encoded once, by header and value. */
const repeatedLines = new Map<string, Map<string | number, string>>();
let repeatedCount = 0;

function repeatedHeader(key: string, value: string | Date): string {
  const id = typeof value === 'string' ? value : value.getTime();
  let lines = repeatedLines.get(key);
  if (lines === undefined) repeatedLines.set(key, lines = new Map());
  let line = lines.get(id);
  if (line === undefined) {
    if (repeatedCount >= 1000) {
      for (const byValue of repeatedLines.values()) byValue.clear();
      repeatedCount = 0;
    }
    line = header(key, value);
    lines.set(id, line);
    repeatedCount++;
  }
  return line;
}

// eslint-disable-next-line no-control-regex -- the binary characters nodemailer counts against quoted-printable
const NON_LATIN = /[\x00-\x08\x0b\x0c\x0e-\x1f\u0080-\uffff]/g;

/**
 * nodemailer's choice for a text value: quoted-printable when latin letters outnumber binary and non-ASCII symbols.
 * The latter are few in the texts sent, so they are counted first (by `test`, which builds no match object) and the
 * letters only until they outnumber them.
 */
function prefersQuotedPrintable(value: string): boolean {
  let nonLatin = 0;
  NON_LATIN.lastIndex = 0;
  while (NON_LATIN.test(value)) nonLatin++;
  let latin = 0;
  for (let i = 0; i < value.length && latin <= nonLatin; i++) {
    const code = value.charCodeAt(i);
    if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) latin++;
  }
  return nonLatin < latin;
}

/** One text part: its headers and its body in the transfer encoding nodemailer picks for it. */
function textPart(contentType: string, content: string): string {
  let encoding: string;
  let body: string;
  if (mimeFuncs.isPlainText(content) && !mimeFuncs.hasLongerLines(content, 76)) {
    encoding = '7bit';
    body = content;
  } else if (prefersQuotedPrintable(content)) {
    encoding = 'quoted-printable';
    body = wrapQuotedPrintable(encodeQuotedPrintable(content), 76);
  } else {
    encoding = 'base64';
    body = base64.wrap(base64.encode(Buffer.from(content, 'utf8')), 76);
  }
  return `${repeatedHeader('Content-Type', contentType)}\r\n${repeatedHeader('Content-Transfer-Encoding', encoding)}\r\n\r\n${body}`;
}

/**
 * A bare text/plain message (a stored SMS), as nodemailer composes `{ text, textEncoding: 'quoted-printable', date,
 * messageId }`: 7bit when the text allows it, else quoted-printable; the message ends with a line break.
 */
export function composePlainTextEml(mail: { text: string; date: Date; messageId: string }): string {
  const plain = mimeFuncs.isPlainText(mail.text) && !mimeFuncs.hasLongerLines(mail.text, 76);
  const body = plain ? mail.text : wrapQuotedPrintable(encodeQuotedPrintable(mail.text), 76);
  const headers = [
    header('Message-ID', mail.messageId),
    repeatedHeader('Date', mail.date),
    repeatedHeader('Content-Transfer-Encoding', plain ? '7bit' : 'quoted-printable'),
    repeatedHeader('MIME-Version', '1.0'),
    repeatedHeader('Content-Type', TEXT_TYPE),
  ].filter((line) => line !== '');
  const message = `${headers.join('\r\n')}\r\n\r\n${body}`;
  return message.endsWith('\n') ? message : `${message}${message.endsWith('\r') ? '\n' : '\r\n'}`;
}

/** The message, as nodemailer composes `{ from, to, subject, text, html, date, messageId, headers: { Content-Language } }`. */
export function composeAlternativeEml(mail: AlternativeMail): string {
  const boundary = `--_NmP-${randomUUID().replace(/-/g, '').slice(0, 16)}-Part_1`;
  const headers = [
    ...(mail.language ? [repeatedHeader('Content-Language', mail.language)] : []),
    repeatedHeader('From', mail.from),
    header('To', mail.to),
    repeatedHeader('Subject', mail.subject),
    header('Message-ID', mail.messageId),
    repeatedHeader('Date', mail.date),
    repeatedHeader('MIME-Version', '1.0'),
    mimeFuncs.foldLines(`Content-Type: ${mimeFuncs.buildHeaderValue({ value: 'multipart/alternative', params: { boundary } })}`, 76),
  ].filter((line) => line !== '');
  return `${headers.join('\r\n')}\r\n\r\n--${boundary}\r\n${textPart(TEXT_TYPE, mail.text)}\r\n--${boundary}\r\n${textPart(HTML_TYPE, mail.html)}\r\n--${boundary}--\r\n`;
}
