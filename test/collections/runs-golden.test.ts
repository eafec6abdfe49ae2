import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate, type ScriptEvent } from '../../src/collections/domain/strategy/simulate.js';
import { shippedDefaultStrategy } from '../../src/collections/use-cases/runs/strategy-source.js';
import { readStrategyDocument } from '../../src/collections/use-cases/strategies/read-strategy-document.js';
import type { ClaimFacts, StrategyDocument } from '../../src/collections/domain/strategy/document.js';
import { claimFacts, testStrategy, timelineLines } from './runs-support.js';

/*
 * Golden timelines: the simulated run of a strategy file for fixed claims and event scripts, compared line by line
 * with the committed file. A deliberate change of a strategy or of the interpreter rewrites them with
 * UPDATE_GOLDEN=1 and the diff is reviewed like code.
 */

interface GoldenCase {
  name: string;
  strategy: () => StrategyDocument;
  facts: ClaimFacts;
  script: ScriptEvent[];
}

const CASES: GoldenCase[] = [
  { name: 'default.german-debtor', strategy: shippedDefaultStrategy, facts: claimFacts(), script: [] },
  { name: 'default.no-phone-no-address', strategy: shippedDefaultStrategy, facts: claimFacts({ hasPhone: false, hasPostalAddress: false }), script: [] },
  {
    name: 'default.paused-then-paid', strategy: shippedDefaultStrategy, facts: claimFacts(),
    script: [
      { at: '2026-01-09T12:00:00.000Z', kind: 'pause' },
      { at: '2026-01-20T12:00:00.000Z', kind: 'resume' },
      { at: '2026-01-22T12:00:00.000Z', kind: 'payment', amount: 150_000 },
    ],
  },
  { name: 'runs-test.large-claim', strategy: testStrategy, facts: claimFacts(), script: [] },
  { name: 'runs-test.small-claim-no-phone', strategy: testStrategy, facts: claimFacts({ claimReference: 'C-7', amount: 40_000, outstanding: 40_000, hasPhone: false }), script: [] },
  {
    name: 'runs-test.trigger-pause-partial', strategy: testStrategy, facts: claimFacts(),
    script: [
      { at: '2026-01-10T10:00:00.000Z', kind: 'trigger', name: 'callDebtor' },
      { at: '2026-01-12T09:00:00.000Z', kind: 'event', name: 'dispute.opened' },
      { at: '2026-01-20T09:00:00.000Z', kind: 'resume' },
      { at: '2026-01-21T09:00:00.000Z', kind: 'payment', amount: 60_000 },
    ],
  },
];

function goldenPath(name: string): URL {
  return new URL(`./runs-golden/${name}.timeline.txt`, import.meta.url);
}

describe('golden timelines', () => {
  it('the runs test strategy is a valid strategy document', () => {
    expect(readStrategyDocument(testStrategy())).toMatchObject({ ok: true });
  });

  for (const golden of CASES) {
    it(golden.name, () => {
      const result = simulate(golden.strategy(), golden.facts, golden.script, {
        start: '2026-01-02T10:00:00.000Z', until: '2026-06-01T00:00:00.000Z', businessTimeZone: 'Europe/Stockholm',
      });
      const text = `${timelineLines(result.timeline).join('\n')}\n`;
      const path = goldenPath(golden.name);
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, text);
      expect(text).toBe(readFileSync(path, 'utf8'));
    });
  }
});
