import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpOptions {
  /** Recipients the server refuses, with the reply code (e.g. 550 no such mailbox, 451 try again later); changeable while running. */
  refuse?: Map<string, number>;
}

/** A real SMTP server on a loopback port that keeps every message it receives. */
export async function startSmtp(options: SmtpOptions = {}) {
  const received: ReceivedMail[] = [];
  const refuse = options.refuse ?? new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = refuse.get(address.address);
      if (code === undefined) return callback();
      return callback(Object.assign(new Error(code >= 500 ? 'No such mailbox' : 'Try again later'), { responseCode: code }));
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, received, refuse, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function decodePart(body: string, encoding: string): string {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const joined = body.replace(/=\r?\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < joined.length; i += 1) {
      const hex = joined[i] === '=' ? /^[0-9A-F]{2}$/i.exec(joined.slice(i + 1, i + 3)) : null;
      if (hex) {
        bytes.push(parseInt(hex[0], 16));
        i += 2;
      } else {
        bytes.push(...Buffer.from(joined[i] as string, 'utf8'));
      }
    }
    return Buffer.from(bytes).toString('utf8');
  }
  return body;
}

/** The decoded text/plain part of a (possibly multipart) message. */
export function textPart(raw: string): string {
  const normalised = raw.replace(/\r\n/g, '\n');
  const parts = normalised.split(/\n--[^\n]+\n/);
  for (const part of parts) {
    const [head, ...rest] = part.split('\n\n');
    if (!/content-type: text\/plain/i.test(head ?? '')) continue;
    const encoding = /content-transfer-encoding: ([\w-]+)/i.exec(head ?? '')?.[1]?.toLowerCase() ?? '7bit';
    return decodePart(rest.join('\n\n').replace(/\n--[^\n]*--\n?$/, ''), encoding);
  }
  throw new Error('no text/plain part');
}

/** The decoded Subject header (RFC 2047 encoded words). */
export function subjectOf(raw: string): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  return header.replace(/\r?\n[ \t]/g, ' ').replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, kind: string, text: string) =>
    kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodePart(text.replace(/_/g, ' '), 'quoted-printable'));
}
