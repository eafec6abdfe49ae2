import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { ClaimFacts, StrategyDocument } from '../../src/collections/domain/strategy/document.js';

/** The runs tests' own strategy (every step type, a trigger-ended wait, reactions, guards). */
export function testStrategy(): StrategyDocument {
  return parse(readFileSync(new URL('./runs-fixtures/test-strategy.yaml', import.meta.url), 'utf8')) as StrategyDocument;
}

export function claimFacts(overrides: Partial<ClaimFacts> = {}): ClaimFacts {
  return {
    claimReference: 'CLAIM-1', accountReference: 'ACC-1', currency: 'EUR', amount: 150_000, outstanding: 150_000,
    dueDate: '2026-01-05', daysPastDue: 0, debtorCountry: 'DE', debtorLanguage: 'de', debtorTimeZone: 'Europe/Berlin',
    hasEmail: true, hasPhone: true, hasPostalAddress: true, scores: {}, promise: 'none', instalmentPlan: 'none',
    disputeOpen: false, lastMessageOpened: false, insured: false, ...overrides,
  };
}

/** A timeline as the golden files and the comparisons show it: what, when, how. */
export function timelineLines(timeline: readonly { at: string; type: string; [key: string]: unknown }[]): string[] {
  return timeline.map(({ at, type, ...rest }) => `${at} ${type} ${Object.entries(rest).map(([key, value]) => `${key}=${String(value)}`).join(' ')}`.trim());
}
