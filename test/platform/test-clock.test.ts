import { describe, expect, it } from 'vitest';
import { MAX_OFFSET_MS, targetOffset } from '../../src/platform/tenants/test-clock.js';

describe('test clock rules', () => {
  const now = Date.parse('2026-11-21T10:00:00Z');

  it('adds seconds to the current offset, or jumps to an instant', () => {
    expect(targetOffset('sandbox', 5000, now, { seconds: 60 })).toEqual({ ok: true, offsetMs: 65_000 });
    expect(targetOffset('sandbox', 0, now, { to: new Date('2026-11-22T10:00:00Z') })).toEqual({ ok: true, offsetMs: 86_400_000 });
  });

  it('never goes back or stands still', () => {
    expect(targetOffset('sandbox', 60_000, now, { to: new Date(now + 60_000) })).toMatchObject({ ok: false, refusal: { code: 'clock_backwards' } });
    expect(targetOffset('sandbox', 60_000, now, { to: new Date(now + 60_001) })).toEqual({ ok: true, offsetMs: 60_001 });
    expect(targetOffset('sandbox', 0, now, { to: new Date(now - 1) })).toMatchObject({ ok: false, refusal: { code: 'clock_backwards' } });
  });

  it('is only for sandboxes and stays within 50 years', () => {
    expect(targetOffset('live', 0, now, { seconds: 60 })).toMatchObject({ ok: false, refusal: { code: 'sandbox_only' } });
    expect(targetOffset('sandbox', MAX_OFFSET_MS - 1000, now, { seconds: 1 })).toEqual({ ok: true, offsetMs: MAX_OFFSET_MS });
    expect(targetOffset('sandbox', MAX_OFFSET_MS - 1000, now, { seconds: 2 })).toMatchObject({ ok: false, refusal: { code: 'clock_too_far' } });
  });
});
