import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

/*
 * Reading a portfolio file as a stream of lines with their byte offsets, so an import can stop anywhere and a later
 * run can start reading at the byte after the last committed batch. Memory stays bounded by one chunk plus the
 * longest line, whatever the file's size. Lines are split on \n (a trailing \r is dropped); UTF-8 never has a \n
 * byte inside a character, so each line decodes on its own.
 */

export interface FileLine {
  /** 1-based line number in the file. */
  readonly number: number;
  readonly text: string;
  /** Byte offset just after this line's line break: where the next line begins. */
  readonly end: number;
}

const CHUNK_BYTES = 1 << 20;

/** The lines of `path` from byte `start` (which begins line `firstNumber`) to the end of the file. */
export async function* readLines(path: string, start: number, firstNumber: number): AsyncGenerator<FileLine> {
  let carry: Buffer = Buffer.alloc(0);
  let carryStart = start;
  let number = firstNumber;
  for await (const chunk of createReadStream(path, { start, highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    const buffer = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    let from = 0;
    for (let newline = buffer.indexOf(10, from); newline !== -1; newline = buffer.indexOf(10, from)) {
      yield { number, text: decode(buffer, from, newline), end: carryStart + newline + 1 };
      number += 1;
      from = newline + 1;
    }
    carry = buffer.subarray(from);
    carryStart += from;
  }
  if (carry.length > 0) yield { number, text: decode(carry, 0, carry.length), end: carryStart + carry.length };
}

function decode(buffer: Buffer, from: number, to: number): string {
  const end = to > from && buffer[to - 1] === 13 ? to - 1 : to;
  return buffer.toString('utf8', from, end);
}

/** The first line of a file (a CSV header), with the offset where the second begins. */
export async function readFirstLine(path: string): Promise<FileLine | undefined> {
  for await (const line of readLines(path, 0, 1)) return line;
  return undefined;
}

/** Size and modification time of a readable regular file, or why it cannot be read. */
export async function fileIdentity(path: string): Promise<{ size: number; mtimeMs: number }> {
  const handle = await open(path, 'r');
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw Object.assign(new Error(`${path} is not a regular file`), { code: 'ENOTFILE' });
    return { size: stats.size, mtimeMs: Math.trunc(stats.mtimeMs) };
  } finally {
    await handle.close();
  }
}
