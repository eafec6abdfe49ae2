import { randomFillSync } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

// Random bytes are drawn a few kilobytes at a time (one call to the system's generator serves some 140 ids).
const pool = Buffer.alloc(4096);
let position = pool.length;

function randomByte(): number {
  if (position === pool.length) {
    randomFillSync(pool);
    position = 0;
  }
  return pool[position++]!;
}

/** A 14-character base62 id like the seed's `dPn96VldVXbeRW` (~83 random bits; rejection sampling keeps it uniform). */
export function newQuoteId(length = 14): string {
  let id = '';
  while (id.length < length) {
    const byte = randomByte();
    if (byte < 248) id += BASE62[byte % 62];
  }
  return id;
}
