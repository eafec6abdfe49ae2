import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/collections/domain/strategy/line-diff.js';
import { chooseStrategy, resolveVersion } from '../../src/collections/domain/strategy/assignment.js';
import type { AssignmentRules, ClaimFacts } from '../../src/collections/domain/strategy/document.js';

const facts: ClaimFacts = {
  claimReference: 'C-1', accountReference: 'A-1', currency: 'EUR', amount: 250000, outstanding: 250000, dueDate: '2026-11-01',
  daysPastDue: 12, debtorCountry: 'DE', debtorLanguage: 'de', debtorTimeZone: 'Europe/Berlin', hasEmail: true, hasPhone: false,
  hasPostalAddress: true, scores: { risk: 0.8 }, promise: 'none', instalmentPlan: 'none', disputeOpen: false, lastMessageOpened: false, insured: true,
};

describe('line diff of canonical YAML', () => {
  it('shows removed and added lines with context and hunk positions', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'].join('\n');
    const after = ['a', 'b', 'c', 'D', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm'].join('\n');
    expect(unifiedDiff(before, after, { before: 'x v1', after: 'x v2' })).toBe([
      '--- x v1', '+++ x v2',
      '@@ -1,7 +1,7 @@', ' a', ' b', ' c', '-d', '+D', ' e', ' f', ' g',
      '@@ -10,3 +10,4 @@', ' j', ' k', ' l', '+m', '',
    ].join('\n'));
  });

  it('keeps changes at most six unchanged lines apart in one hunk', () => {
    const out = unifiedDiff('a\nb\nc\nd\ne\nf\ng\nh\n', 'A\nb\nc\nd\ne\nf\ng\nH\n', { before: '1', after: '2' });
    expect(out.split('\n').filter((line) => line.startsWith('@@'))).toEqual(['@@ -1,8 +1,8 @@']);
  });

  it('is empty for equal texts and handles one side empty', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', { before: '1', after: '2' })).toBe('');
    expect(unifiedDiff('', 'a\n', { before: '1', after: '2' })).toBe('--- 1\n+++ 2\n@@ -0,0 +1,1 @@\n+a\n');
    expect(unifiedDiff('a\n', '', { before: '1', after: '2' })).toBe('--- 1\n+++ 2\n@@ -1,1 +0,0 @@\n-a\n');
  });

  it('finds the smallest change in the middle (longest common subsequence)', () => {
    const out = unifiedDiff('x\na\nb\nc\ny\n', 'x\na\nc\nb\ny\n', { before: '1', after: '2' });
    expect(out.split('\n').filter((line) => /^[+-][^+-]/.test(line))).toHaveLength(2);
  });
});

describe('chooseStrategy: assignment rules', () => {
  const rules: AssignmentRules = {
    rules: [
      { priority: 20, when: { '>=': [{ var: 'facts.amount' }, 100000] }, strategyKey: 'large', version: 'latest-published' },
      { priority: 10, when: { '==': [{ var: 'facts.debtorCountry' }, 'DE'] }, strategyKey: 'german', version: 3 },
      { priority: 10, when: true, strategyKey: 'second-of-equal-priority', version: 'latest-published' },
    ],
    defaultStrategyKey: 'default',
  };

  it('takes the first matching rule in ascending priority, ties in written order', () => {
    expect(chooseStrategy(rules, facts)).toEqual({ strategyKey: 'german', version: 3, matched: { rule: 1, priority: 10 } });
    expect(chooseStrategy(rules, { ...facts, debtorCountry: 'SE' })).toEqual({ strategyKey: 'second-of-equal-priority', version: 'latest-published', matched: { rule: 2, priority: 10 } });
  });

  it('falls back to the default strategy when nothing matches', () => {
    const only = { ...rules, rules: [rules.rules[0]!] };
    expect(chooseStrategy(only, { ...facts, amount: 5 })).toEqual({ strategyKey: 'default', version: 'latest-published', matched: 'default' });
    expect(chooseStrategy(only, facts).strategyKey).toBe('large');
  });

  it('reads nested facts (scores) and treats a rule that cannot be evaluated as no match', () => {
    const scored: AssignmentRules = { rules: [{ priority: 1, when: { '>': [{ var: 'facts.scores.risk' }, 0.5] }, strategyKey: 'risky', version: 1 }], defaultStrategyKey: 'default' };
    expect(chooseStrategy(scored, facts).strategyKey).toBe('risky');
    const broken: AssignmentRules = { rules: [{ priority: 1, when: { nope: [1] }, strategyKey: 'never', version: 1 }], defaultStrategyKey: 'default' };
    expect(chooseStrategy(broken, facts).strategyKey).toBe('default');
  });

  it('resolves latest-published to the newest published version and a pinned one only if published', () => {
    expect(resolveVersion('latest-published', [1, 3, 2])).toBe(3);
    expect(resolveVersion('latest-published', [])).toBeNull();
    expect(resolveVersion(2, [1, 3])).toBeNull();
    expect(resolveVersion(3, [1, 3])).toBe(3);
  });
});
