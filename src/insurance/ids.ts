import { randomBytes } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A 14-character base62 id like the seed's `dPn96VldVXbeRW` (~83 random bits; rejection sampling keeps it uniform). */
export function newQuoteId(length = 14): string {
  let id = '';
  while (id.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && id.length < length) id += BASE62[byte % 62];
    }
  }
  return id;
}
