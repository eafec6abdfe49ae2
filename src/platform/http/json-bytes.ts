import type { FastifyReply } from 'fastify';

/**
 * `open + pieces.join(separator) + close` as UTF-8 bytes, each piece encoded straight into one buffer of the whole's
 * size: no joined string is built, measured or encoded again. A long answer as one string is past V8's largest
 * regular object, and measuring it (Buffer.byteLength, for Content-Length) flattens it into a new large-object string
 * that the socket write then encodes again: about 3× the CPU of building it (measured in Node 20). The separator is
 * ASCII; no piece may end or start inside a surrogate pair (JSON texts never do). `allocate` gives a buffer of
 * exactly the size asked for.
 */
export function joinedUtf8(
  open: string, pieces: readonly string[], separator: string, close: string, allocate: (size: number) => Buffer = Buffer.allocUnsafe,
): Buffer {
  let size = Buffer.byteLength(open) + Buffer.byteLength(close) + Math.max(0, pieces.length - 1) * separator.length;
  for (const piece of pieces) size += Buffer.byteLength(piece);
  const out = allocate(size);
  let offset = out.write(open, 0);
  pieces.forEach((piece, index) => {
    if (index > 0) offset += out.write(separator, offset, 'latin1');
    offset += out.write(piece, offset);
  });
  out.write(close, offset);
  return out;
}

/**
 * Buffers for answers, each reused once the answer written into it has gone out.
 *
 * Decision (2026-12-06): a new buffer for each 133 kB answer of a cover listing page is memory fresh from the
 * allocator (above glibc's mmap threshold, and trimmed back to the system when freed), so encoding the page into it
 * page-faulted every 4 kB: in isolation 0.28 ms a page to encode into a new buffer against 0.006 ms into a reused one,
 * as much as JSON.stringify of the page. A buffer goes back to the pool only when its answer is finished: Node emits
 * the response's `finish` after the socket's write of it has completed or failed, so nothing reads the buffer any
 * more; an answer that never finishes leaves its buffer to the garbage collector. At most MAX_FREE_BYTES are kept
 * free; buffers above MAX_POOLED_BYTES are never kept.
 */
export class AnswerBuffers {
  private readonly free: Buffer[] = [];
  private freeBytes = 0;

  constructor(private readonly maxPooledBytes = MAX_POOLED_BYTES, private readonly maxFreeBytes = MAX_FREE_BYTES) {}

  /** A buffer of at least `size` bytes: a free one, or a new one rounded up to a multiple of 64 KiB. */
  acquire(size: number): Buffer {
    for (let at = this.free.length - 1; at >= 0; at -= 1) {
      const buffer = this.free[at]!;
      if (buffer.length < size) continue;
      this.free.splice(at, 1);
      this.freeBytes -= buffer.length;
      return buffer;
    }
    return Buffer.allocUnsafeSlow(Math.max(1, Math.ceil(size / POOL_GRAIN)) * POOL_GRAIN);
  }

  /** Gives back a buffer from acquire whose contents nobody reads any more. */
  release(buffer: Buffer): void {
    if (buffer.length > this.maxPooledBytes || this.freeBytes + buffer.length > this.maxFreeBytes) return;
    this.free.push(buffer);
    this.freeBytes += buffer.length;
  }

  /** How many buffers are free (for tests). */
  get freeCount(): number {
    return this.free.length;
  }
}

const POOL_GRAIN = 64 * 1024;
const MAX_POOLED_BYTES = 1024 * 1024;
const MAX_FREE_BYTES = 8 * 1024 * 1024;
const ANSWER_BUFFERS = new AnswerBuffers();

/**
 * Sends `JSON.stringify({ [key]: items, ...rest })` where `texts` are the items' JSON texts, in order, as UTF-8 bytes
 * in a buffer of `buffers` given back when the answer has been written out (AnswerBuffers).
 */
export function sendJsonListTexts(
  reply: FastifyReply, key: string, texts: readonly string[], rest: Record<string, unknown> = {}, buffers: AnswerBuffers = ANSWER_BUFFERS,
): FastifyReply {
  const open = JSON.stringify({ [key]: [] }).slice(0, -2);
  const tail = JSON.stringify(rest);
  let backing: Buffer | undefined;
  const bytes = joinedUtf8(open, texts, ',', tail === '{}' ? ']}' : `],${tail.slice(1)}`, (size) => {
    backing = buffers.acquire(size);
    return backing.subarray(0, size);
  });
  reply.raw.once('finish', () => {
    if (backing) buffers.release(backing);
  });
  return sendJsonBytes(reply, bytes);
}

/** Sends JSON already rendered as bytes with the Content-Type a serialized object gets. */
export function sendJsonBytes(reply: FastifyReply, bytes: Buffer): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(bytes);
}
