import { describe, expect, it } from 'vitest';
import { runEvents } from '../../src/collections/domain/runs/run-events.js';
import { decide, startPosition, type InterpreterContext, type RunLogEntry, type TimedAction } from '../../src/collections/domain/strategy/interpreter.js';
import { shippedDefaultStrategy } from '../../src/collections/use-cases/runs/strategy-source.js';
import { claimFacts } from './runs-support.js';

/*
 * The events a decision appends: one per step it executed, carrying that step's outcome, plus the run's other
 * outcomes (start, trigger, end); the run log keeps every line. A claim 40 days overdue walks the whole default
 * strategy in one decision: each wait starts and ends (two log lines, one event), each message is held until its
 * send window opens and then sent (its `collections.run.message` is the step's event).
 */

const ZONE = 'Europe/Stockholm';
const context: InterpreterContext = { businessTimeZone: ZONE, holidays: new Set(), debtorMessagesAt: [] };
const document = shippedDefaultStrategy();
const run = (position = startPosition(document, new Date('2026-11-23T10:00:00Z'))) => ({
  claimReference: 'CLAIM-1', runNo: 1, strategyKey: document.key, strategyVersion: 1, position,
});
const summary = (events: ReturnType<typeof runEvents>) => events.map((event) => `${event.type} ${String(event.data.stepId ?? event.data.reason ?? '')}`.trim());

describe('run events', () => {
  const facts = claimFacts({ dueDate: '2026-10-14' });
  const now = new Date('2026-11-23T10:00:00Z');
  const out = decide({ document, position: startPosition(document, new Date('2026-10-14T10:00:00Z')), facts, now, context });

  it('appends one event per executed step, with its outcome, and one per other outcome', () => {
    const events = runEvents(run(out.position), out.log, out.actions, true, facts);
    expect(summary(events)).toEqual([
      'collections.run.started',
      'collections.run.step wait-friendly',
      'collections.run.message remind-friendly',
      'collections.run.step wait-second',
      'collections.run.message remind-second',
      'collections.run.step wait-final',
      'collections.run.message final-notice',
      'collections.run.step wait-escalation',
      'collections.claim.escalated escalate',
      'collections.run.ended escalated',
    ]);
    expect(events[1]!.data).toMatchObject({ claimReference: 'CLAIM-1', at: '2026-10-16T22:00:00.000Z', stepId: 'wait-friendly', kind: 'step', reason: 'wait over; go to remind-friendly' });
    // Held over the weekend's quiet hours, then sent: the send is the step's outcome.
    expect(events[2]!.data).toMatchObject({ at: '2026-10-19T06:00:00.000Z', stepId: 'remind-friendly', channel: 'email', template: 'reminder-friendly', language: 'de' });
  });

  it('leaves every decision line in the run log', () => {
    expect(out.log.map((entry) => `${entry.stepId} ${entry.kind}`)).toEqual([
      'wait-friendly waiting', 'wait-friendly step', 'remind-friendly held', 'remind-friendly step',
      'wait-second waiting', 'wait-second step', 'remind-second held', 'remind-second step',
      'wait-final waiting', 'wait-final step', 'final-notice held', 'final-notice step',
      'wait-escalation waiting', 'wait-escalation step', 'escalate step', 'end ended',
    ]);
  });

  it('gives a step that only waits its waiting line, and each line that is no step its own event', () => {
    const waiting = decide({ document, position: startPosition(document, now), facts: claimFacts({ dueDate: '2026-11-22' }), now, context });
    expect(summary(runEvents(run(waiting.position), waiting.log, waiting.actions, false, facts))).toEqual(['collections.run.step wait-friendly']);
    const log: RunLogEntry[] = [
      { at: '2026-11-23T10:00:00.000Z', stepId: 'wait-second', kind: 'trigger', reason: 'trigger callDebtor received' },
      { at: '2026-11-23T10:00:00.000Z', stepId: 'wait-second', kind: 'recorded', reason: 'no reaction to callDebtor in this strategy' },
      { at: '2026-11-23T10:00:00.000Z', stepId: 'wait-second', kind: 'paused', reason: 'paused' },
    ];
    expect(summary(runEvents(run(), log, [], false, facts))).toEqual(['collections.run.trigger wait-second', 'collections.run.step wait-second', 'collections.run.paused wait-second']);
  });

  it('keeps an event for each send even when one step sends twice in a row', () => {
    const at = '2026-11-23T10:00:00.000Z';
    const log: RunLogEntry[] = [
      { at, stepId: 'again', kind: 'step', reason: 'sent reminder-friendly by email' },
      { at, stepId: 'again', kind: 'step', reason: 'sent reminder-friendly by email' },
    ];
    const actions: TimedAction[] = [
      { type: 'send', stepId: 'again', channel: 'email', template: 'reminder-friendly', at },
      { type: 'send', stepId: 'again', channel: 'email', template: 'reminder-friendly', at },
    ];
    expect(summary(runEvents(run(), log, actions, false, facts))).toEqual(['collections.run.message again', 'collections.run.message again']);
  });
});
