import { randomUUID } from 'node:crypto';
import type { Platform } from '../../../platform/services.js';
import { answersSecondFactor, decideAttempt } from '../../landing/second-factor.js';
import { insertLandingSession, recordSecondFactorAttempt } from '../../landing/store.js';
import { hashLandingToken, LANDING_SESSION_LIFE_MS, newLandingToken } from '../../landing/token.js';
import { type LinkStanding, linkStanding, withLandingLink } from './landing-link.js';
import { readLandingAccount, secondFactorFacts } from './read-landing-account.js';

export type SecondFactorAnswer =
  | { kind: 'passed'; sessionValue: string; sessionExpiresAt: Date; sessionSeconds: number }
  | { kind: 'wrong'; attemptsLeft: number }
  | { kind: Exclude<LinkStanding, 'open'> };

/**
 * The visitor's answer to the second factor on a link (row locked, so parallel guesses count one by one). A right
 * answer opens a session (its value goes to the visitor's cookie, its hash to the table); a wrong one counts, and
 * the last allowed wrong one locks the link. Null for an unknown token.
 */
export async function answerSecondFactor(platform: Platform, token: string, answer: string): Promise<SecondFactorAnswer | null> {
  return withLandingLink(platform, token, async (uow, link) => {
    const standing = linkStanding(link, uow.now);
    if (standing !== 'open') return { kind: standing };
    const account = await readLandingAccount(uow.tx, link);
    if (!account) return null;
    const outcome = decideAttempt({ failedAttempts: link.failedAttempts, locked: false }, answersSecondFactor(answer, secondFactorFacts(account)));
    if (outcome.kind !== 'passed') {
      await recordSecondFactorAttempt(uow.tx, link, outcome.state.failedAttempts, outcome.state.locked ? uow.now : null);
      return outcome.kind === 'wrong' ? { kind: 'wrong', attemptsLeft: outcome.attemptsLeft } : { kind: 'locked' };
    }
    const sessionValue = newLandingToken();
    const sessionExpiresAt = new Date(Math.min(uow.now.getTime() + LANDING_SESSION_LIFE_MS, link.expiresAt.getTime()));
    await insertLandingSession(uow.tx, {
      tenantId: link.tenantId, id: randomUUID(), linkId: link.id, sessionHash: hashLandingToken(sessionValue), createdAt: uow.now, expiresAt: sessionExpiresAt,
    });
    return { kind: 'passed', sessionValue, sessionExpiresAt, sessionSeconds: Math.max(1, Math.floor((sessionExpiresAt.getTime() - uow.now.getTime()) / 1000)) };
  });
}
