import { describe, expect, it } from 'vitest';
import {
  IDLE_TIMEOUT_MS, LINK_LIFETIME_MS, SESSION_LIFETIME_MS, linkState, normaliseEmail, sessionIsOpen, sessionNeedsTouch,
} from '../../../src/insurance/dashboard/rules.js';

const at = (ms: number) => new Date(Date.UTC(2026, 10, 21, 10) + ms);

describe('seller dashboard rules', () => {
  it('compares addresses trimmed and lower-cased, and refuses what is not one', () => {
    expect(normaliseEmail('  Anna@Example.SE ')).toBe('anna@example.se');
    for (const bad of ['', 'anna', 'anna@', '@example.se', 'anna@example', 'a b@example.se', 'anna@@example.se', `${'a'.repeat(250)}@x.se`]) {
      expect(normaliseEmail(bad), bad).toBeNull();
    }
  });

  it('a link is valid until its 15 minutes are up, and never again once used', () => {
    const link = { usedAt: null, expiresAt: at(LINK_LIFETIME_MS) };
    expect(linkState(link, at(LINK_LIFETIME_MS - 1))).toBe('valid');
    expect(linkState(link, at(LINK_LIFETIME_MS))).toBe('expired');
    expect(linkState({ ...link, usedAt: at(1) }, at(2))).toBe('used');
  });

  it('a session is open until 30 idle minutes or 12 hours have passed, or it was ended', () => {
    const session = { endedAt: null, lastSeenAt: at(0), expiresAt: at(SESSION_LIFETIME_MS) };
    expect(sessionIsOpen(session, at(IDLE_TIMEOUT_MS - 1))).toBe(true);
    expect(sessionIsOpen(session, at(IDLE_TIMEOUT_MS))).toBe(false);
    expect(sessionIsOpen({ ...session, lastSeenAt: at(SESSION_LIFETIME_MS - 1) }, at(SESSION_LIFETIME_MS))).toBe(false);
    expect(sessionIsOpen({ ...session, endedAt: at(1) }, at(2))).toBe(false);
  });

  it('writes a session\'s activity at most once a minute', () => {
    expect(sessionNeedsTouch({ lastSeenAt: at(0) }, at(59_999))).toBe(false);
    expect(sessionNeedsTouch({ lastSeenAt: at(0) }, at(60_000))).toBe(true);
  });
});
