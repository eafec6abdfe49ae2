import { describe, expect, it } from 'vitest';
import {
  decide, pause, resume, startPosition, stop, type InterpreterContext, type RunPosition,
} from '../../src/collections/domain/strategy/interpreter.js';
import { nextSendInstant, parseDuration, untilInstant } from '../../src/collections/domain/strategy/interpreter-time.js';
import { simulate, type ScriptEvent } from '../../src/collections/domain/strategy/simulate.js';
import type { StrategyDocument } from '../../src/collections/domain/strategy/document.js';
import { claimFacts, testStrategy } from './runs-support.js';

const ZONE = 'Europe/Stockholm';
const START = '2026-01-02T10:00:00.000Z';
const context = (extra: Partial<InterpreterContext> = {}): InterpreterContext => ({ businessTimeZone: ZONE, holidays: new Set(), debtorMessagesAt: [], ...extra });
const sim = (script: ScriptEvent[] = [], options: Partial<Parameters<typeof simulate>[3]> = {}, facts = claimFacts(), strategy = testStrategy()) =>
  simulate(strategy, facts, script, { start: START, until: '2026-04-01T00:00:00.000Z', businessTimeZone: ZONE, ...options });
const sends = (result: ReturnType<typeof sim>) => result.timeline.filter((a) => a.type === 'send').map((a) => a.type === 'send' && `${a.at} ${a.stepId} ${a.channel}`);

describe('interpreter time', () => {
  it('parses ISO 8601 durations and refuses malformed ones', () => {
    expect(parseDuration('P7D')?.ms).toBe(7 * 86_400_000);
    expect(parseDuration('PT12H30M')?.ms).toBe(45_000_000);
    expect(parseDuration('P1M')).toEqual({ years: 0, months: 1, ms: 0 });
    expect(parseDuration('P')).toBeUndefined();
    expect(parseDuration('7D')).toBeUndefined();
    expect(parseDuration('PT')).toBeUndefined();
  });

  it('resolves until expressions at local midnight of the tenant zone', () => {
    expect(untilInstant('dueDate + P3D', { dueDate: '2026-01-05' }, ZONE)?.toISOString()).toBe('2026-01-07T23:00:00.000Z');
    expect(untilInstant('dueDate - P1D', { dueDate: '2026-01-05' }, ZONE)?.toISOString()).toBe('2026-01-03T23:00:00.000Z');
    expect(untilInstant('dueDate * 2', { dueDate: '2026-01-05' }, ZONE)).toBeUndefined();
    expect(untilInstant('missing + P1D', { dueDate: '2026-01-05' }, ZONE)).toBeUndefined();
  });

  it('finds the next instant inside the send window, skipping weekends and holidays', () => {
    const rules = { timeZone: 'Europe/Berlin', sendWindow: { from: '09:00', to: '17:00' }, holidays: new Set(['2026-01-12']) };
    // Friday 18:00 Berlin → Monday is a holiday → Tuesday 09:00 Berlin.
    expect(nextSendInstant(new Date('2026-01-09T17:00:00Z'), rules)?.toISOString()).toBe('2026-01-13T08:00:00.000Z');
    expect(nextSendInstant(new Date('2026-01-13T10:00:00Z'), rules)?.toISOString()).toBe('2026-01-13T10:00:00.000Z');
  });
});

describe('decide', () => {
  const document = testStrategy();

  it('starts at the first step and waits until due date + 3 days', () => {
    const out = decide({ document, position: startPosition(document, new Date(START)), facts: claimFacts(), now: new Date(START), context: context() });
    expect(out.actions).toEqual([]);
    expect(out.position.cursor).toEqual({ stepId: 'wait-due', wakeAt: '2026-01-07T23:00:00.000Z', awaiting: null });
    expect(out.dueAt).toBe('2026-01-07T23:00:00.000Z');
    expect(out.log.map((entry) => entry.kind)).toEqual(['waiting']);
  });

  it('sends inside the send window of the debtor time zone, at the logical time, when swept late', () => {
    const started = decide({ document, position: startPosition(document, new Date(START)), facts: claimFacts(), now: new Date(START), context: context() });
    // Swept two days late: the wait ended at local midnight, the window opens at 09:00 Berlin on Thursday 8 January.
    const out = decide({ document, position: started.position, facts: claimFacts(), now: new Date('2026-01-10T00:00:00Z'), context: context() });
    expect(out.actions).toEqual([{ type: 'send', stepId: 'friendly', channel: 'email', template: 'friendly-reminder', at: '2026-01-08T08:00:00.000Z' }]);
    expect(out.log.find((entry) => entry.kind === 'held')?.reason).toMatch(/quiet hours 21:00-08:00|outside send window/);
    expect(out.position.cursor).toEqual({ stepId: 'wait-second', wakeAt: '2026-01-15T08:00:00.000Z', awaiting: 'callDebtor' });
  });

  it('a custom trigger awaited by the wait takes its branch at once', () => {
    const waiting: RunPosition = { ...startPosition(document, new Date(START)), cursor: { stepId: 'wait-second', wakeAt: '2026-01-15T08:00:00.000Z', awaiting: 'callDebtor' }, asOf: '2026-01-08T08:00:00.000Z' };
    const out = decide({ document, position: waiting, facts: claimFacts(), now: new Date('2026-01-09T10:00:00Z'), context: context(), incoming: { kind: 'trigger', name: 'callDebtor' } });
    expect(out.actions.map((a) => a.type === 'send' && a.template)).toEqual(['call-follow-up', 'second-reminder']);
    expect(out.actions.every((a) => a.at === '2026-01-09T10:00:00.000Z')).toBe(true);
  });

  it('a trigger with no reaction is only logged; a stop reaction stops the run with its reason', () => {
    const position = startPosition(document, new Date(START));
    const ignored = decide({ document, position, facts: claimFacts(), now: new Date(START), context: context(), incoming: { kind: 'trigger', name: 'nothingListens' } });
    expect(ignored.log.some((entry) => entry.reason === 'no reaction to nothingListens in this strategy')).toBe(true);
    const stopped = decide({ document, position, facts: claimFacts(), now: new Date(START), context: context(), incoming: { kind: 'trigger', name: 'fraudSuspected' } });
    expect(stopped.position.state).toBe('STOPPED');
    expect(stopped.position.stopReason).toBe('FRAUDULENT');
    expect(stopped.dueAt).toBeNull();
  });

  it('a claim paid in full ends at the next step with CLAIM_PAID; a partial payment keeps its place', () => {
    const full = sim([{ at: '2026-01-06T12:00:00.000Z', kind: 'payment', amount: 150_000 }]);
    expect(full.timeline).toEqual([{ type: 'end', state: 'ENDED', reason: 'CLAIM_PAID', at: '2026-01-07T23:00:00.000Z' }]);
    const partial = sim([{ at: '2026-01-06T12:00:00.000Z', kind: 'payment', amount: 100_000 }]);
    // Still at its place, and the condition now sees 50,000 outstanding (the small-claim branch).
    expect(sends(partial)[0]).toBe('2026-01-08T08:00:00.000Z friendly email');
    expect(partial.log.find((entry) => entry.stepId === 'large')?.reason).toBe('condition is false: go to wait-small');
  });

  it('pause and resume: a wait that expired during the pause fires once, at the resume', () => {
    const straight = sim();
    const paused = sim([{ at: '2026-01-06T00:00:00.000Z', kind: 'pause' }, { at: '2026-01-12T10:00:00.000Z', kind: 'resume' }]);
    expect(sends(paused)[0]).toBe('2026-01-12T10:00:00.000Z friendly email');
    expect(sends(paused).length).toBe(sends(straight).length);
    const stepIds = (result: ReturnType<typeof sim>) => result.timeline.map((a) => ('stepId' in a ? a.stepId : a.type));
    expect(stepIds(paused)).toEqual(stepIds(straight));
  });

  it('pause until an instant resumes by itself; pause and resume are idempotent', () => {
    const result = sim([{ at: '2026-01-06T00:00:00.000Z', kind: 'pause', until: '2026-01-09T09:30:00.000Z' }]);
    expect(sends(result)[0]).toBe('2026-01-09T09:30:00.000Z friendly email');
    const position = startPosition(document, new Date(START));
    const once = pause(position, new Date(START), null).position;
    expect(pause(once, new Date(START), null)).toEqual({ position: once, log: [] });
    expect(resume(position, new Date(START))).toEqual({ position, log: [] });
    const stopped = stop(position, new Date(START), 'CLAIM_SOLD');
    expect(stopped.position.state).toBe('STOPPED');
    expect(stop(stopped.position, new Date(START), 'CLAIM_PAID').actions).toEqual([]);
    expect(resume(stopped.position, new Date(START)).position.state).toBe('STOPPED');
  });

  it('holds messages while a promise is open or a dispute is open, then sends when it is gone', () => {
    const held = decide({
      document, position: { ...startPosition(document, new Date(START)), cursor: { stepId: 'friendly', wakeAt: null, awaiting: null }, asOf: '2026-01-08T10:00:00.000Z' },
      facts: claimFacts({ promise: 'open' }), now: new Date('2026-01-08T10:00:00Z'), context: context(),
    });
    expect(held.actions).toEqual([]);
    expect(held.log[0]).toMatchObject({ kind: 'held', reason: 'a promise to pay is open; tried again at 2026-01-09T10:00:00.000Z' });
    const dispute = decide({ document, position: held.position, facts: claimFacts({ disputeOpen: true }), now: new Date('2026-01-09T10:00:00Z'), context: context() });
    expect(dispute.log[0]?.reason).toMatch(/^a dispute is open/);
    const sent = decide({ document, position: dispute.position, facts: claimFacts(), now: new Date('2026-01-10T12:00:00Z'), context: context() });
    // Saturday 10 January: the friendly step's window excludes weekends → Monday 09:00 Berlin is later than now: still held.
    expect(sent.actions).toEqual([]);
    expect(sent.position.cursor.wakeAt).toBe('2026-01-12T08:00:00.000Z');
  });

  it('the weekly contact cap delays a message until the oldest one in the window is a week old', () => {
    const recent = ['2026-01-05T10:00:00.000Z', '2026-01-06T10:00:00.000Z', '2026-01-07T10:00:00.000Z'];
    const out = decide({
      document, position: { ...startPosition(document, new Date(START)), cursor: { stepId: 'second', wakeAt: null, awaiting: null }, asOf: '2026-01-08T10:00:00.000Z' },
      facts: claimFacts(), now: new Date('2026-01-08T10:00:00Z'), context: context({ debtorMessagesAt: recent }),
    });
    expect(out.actions).toEqual([]);
    expect(out.log[0]?.reason).toBe('contact cap of 3 messages a week reached; tried again at 2026-01-12T10:00:00.000Z');
  });

  it('falls back to the next channel and skips a message no channel can carry', () => {
    const noPhone = sim([], {}, claimFacts({ hasPhone: false }));
    expect(sends(noPhone)[1]).toBe('2026-01-15T08:00:00.000Z second email');
    expect(noPhone.timeline.find((a) => a.type === 'send' && a.stepId === 'second')).toMatchObject({ fallbackFrom: 'sms' });
    const nothing = sim([], {}, claimFacts({ hasPhone: false, hasEmail: false, hasPostalAddress: false }));
    expect(sends(nothing)).toEqual([]);
    expect(nothing.log.filter((entry) => entry.kind === 'skipped').length).toBeGreaterThan(0);
  });

  it('a split puts the same claim in the same arm every time, and both arms are used', () => {
    const arms = new Set<string>();
    for (let index = 0; index < 20; index += 1) {
      const facts = claimFacts({ claimReference: `C-${index}`, outstanding: 50_000, amount: 50_000 });
      const first = sim([], {}, facts).timeline.find((a) => a.type === 'send' && a.template === 'small-last-call');
      const again = sim([], {}, facts).timeline.find((a) => a.type === 'send' && a.template === 'small-last-call');
      expect(again).toEqual(first);
      if (first?.type === 'send') arms.add(first.stepId);
    }
    expect([...arms].sort()).toEqual(['small-email', 'small-sms']);
  });

  it('announces the policy reporting deadline once, noticeDays ahead, for an insured claim', () => {
    const result = sim([], { insurance: { reportingDeadline: '2026-02-20', noticeDays: 10 } }, claimFacts({ insured: true }));
    const notices = result.timeline.filter((a) => a.type === 'policy-deadline');
    expect(notices).toEqual([{ type: 'policy-deadline', reportingDeadline: '2026-02-20', at: '2026-02-09T23:00:00.000Z' }]);
  });

  it('a switch reaction restarts the run on the named strategy at its first step', () => {
    const other: StrategyDocument = { key: 'other', name: 'Other', steps: [{ id: 'only', type: 'message', channel: 'email', template: 'other-letter', next: 'bye' }, { id: 'bye', type: 'end' }] };
    const switching = { ...testStrategy(), reactions: [{ on: 'promise.broken', do: { switch: 'other' } }] };
    const result = simulate(switching, claimFacts(), [{ at: '2026-01-04T10:00:00.000Z', kind: 'event', name: 'promise.broken' }], {
      start: START, until: '2026-04-01T00:00:00.000Z', businessTimeZone: ZONE, strategies: new Map([['other', other]]),
    });
    expect(result.strategyKey).toBe('other');
    expect(result.timeline.map((a) => a.type)).toEqual(['switch', 'end', 'send', 'end']);
  });

  it('a strategy that loops without waiting yields after a bounded number of steps', () => {
    const loop: StrategyDocument = { key: 'loop', name: 'Loop', steps: [{ id: 'a', type: 'condition', if: true, then: 'b', else: 'b' }, { id: 'b', type: 'condition', if: true, then: 'a', else: 'a' }] };
    const out = decide({ document: loop, position: startPosition(loop, new Date(START)), facts: claimFacts(), now: new Date(START), context: context() });
    expect(out.log.at(-1)?.kind).toBe('yielded');
    expect(out.dueAt).toBe(START);
  });
});
