import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Stripe-style signatures: `Tradecredit-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
 * Receivers recompute the HMAC over the raw body with their endpoint's signing secret and reject stale timestamps.
 */
export const SIGNATURE_HEADER = 'Tradecredit-Signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function signPayload(secret: string, unixSeconds: number, rawBody: string): string {
  const digest = createHmac('sha256', secret).update(`${unixSeconds}.${rawBody}`).digest('hex');
  return `t=${unixSeconds},v1=${digest}`;
}

export function verifySignature(
  secret: string,
  header: string,
  rawBody: string,
  nowUnixSeconds: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): boolean {
  const fields = new Map<string, string[]>();
  for (const part of header.split(',')) {
    const [name, value] = part.split('=', 2);
    if (!name || !value) continue;
    fields.set(name.trim(), [...(fields.get(name.trim()) ?? []), value.trim()]);
  }
  const timestamp = Number(fields.get('t')?.[0]);
  if (!Number.isInteger(timestamp) || Math.abs(nowUnixSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signPayload(secret, timestamp, rawBody).split('v1=')[1] ?? '', 'hex');
  return (fields.get('v1') ?? []).some((candidate) => {
    const given = Buffer.from(candidate, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
