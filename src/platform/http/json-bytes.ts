import type { FastifyReply } from 'fastify';

/** How many items one JSON.stringify call renders: pieces of some 30 kB for a listing's covers of about 1.3 kB. */
const ITEMS_PER_PIECE = 25;

/**
 * `JSON.stringify({ [key]: items, ...rest })`, byte for byte, as UTF-8 bytes, for answers of a long list.
 *
 * Decision: the items are rendered a few at a time and each piece is encoded straight into one buffer of the answer's
 * size. A page of 100 covers is about 135 kB of JSON; as one string it is past V8's largest regular object, and
 * measuring it (Buffer.byteLength, for Content-Length) flattens it into a new large-object string, then the socket
 * write encodes it again: about 3× the CPU of the JSON.stringify itself (measured in Node 20).
 */
export function jsonListBytes(key: string, items: readonly unknown[], rest: Record<string, unknown> = {}): Buffer {
  const pieces: string[] = [];
  for (let from = 0; from < items.length; from += ITEMS_PER_PIECE) {
    const piece = JSON.stringify(items.slice(from, from + ITEMS_PER_PIECE));
    pieces.push(piece.slice(1, -1));
  }
  const open = JSON.stringify({ [key]: [] }).slice(0, -2);
  const tail = JSON.stringify(rest);
  return joinedUtf8(open, pieces, ',', tail === '{}' ? ']}' : `],${tail.slice(1)}`);
}

/**
 * `open + pieces.join(separator) + close` as UTF-8 bytes, each piece encoded straight into one buffer of the whole's
 * size (no joined string is built, measured or encoded again). The separator is ASCII.
 */
export function joinedUtf8(open: string, pieces: readonly string[], separator: string, close: string): Buffer {
  let size = Buffer.byteLength(open) + Buffer.byteLength(close) + Math.max(0, pieces.length - 1) * separator.length;
  for (const piece of pieces) size += Buffer.byteLength(piece);
  const out = Buffer.allocUnsafe(size);
  let offset = out.write(open, 0);
  pieces.forEach((piece, index) => {
    if (index > 0) offset += out.write(separator, offset, 'latin1');
    offset += out.write(piece, offset);
  });
  out.write(close, offset);
  return out;
}

/** Sends JSON already rendered as bytes with the Content-Type a serialized object gets. */
export function sendJsonBytes(reply: FastifyReply, bytes: Buffer): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(bytes);
}
