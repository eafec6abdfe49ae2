import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalYaml, contentHash, readAssignmentRules, readStrategyDocument } from '../../src/collections/use-cases/strategies/read-strategy-document.js';
import { parseIsoDuration, parseUntil } from '../../src/collections/domain/strategy/durations.js';
import type { StrategyDocument } from '../../src/collections/domain/strategy/document.js';

/** A small valid strategy each test breaks in one place. */
function strategy(): any {
  return {
    key: 'gentle',
    name: 'Gentle',
    steps: [
      { id: 'remind-1', type: 'message', channel: 'email', template: 'reminder-friendly', next: 'pause-1' },
      { id: 'pause-1', type: 'wait', duration: 'P7D', next: 'check' },
      { id: 'check', type: 'condition', if: { '>': [{ var: 'facts.outstanding' }, 10000] }, then: 'remind-2', else: 'done' },
      { id: 'remind-2', type: 'message', channel: 'sms', template: 'reminder-second', fallbacks: ['email'], next: 'done' },
      { id: 'done', type: 'end' },
    ],
  };
}

function problemsOf(input: unknown): string[] {
  const read = readStrategyDocument(input);
  if (read.ok) return [];
  return read.error;
}

describe('strategy documents: the JSON Schema and the rules it cannot state', () => {
  it('accepts a valid document as JSON, as YAML text and as JSON text, all with one hash', () => {
    const asObject = readStrategyDocument(strategy());
    expect(asObject.ok).toBe(true);
    const yamlText = canonicalYaml((asObject as { value: StrategyDocument }).value);
    const fromYaml = readStrategyDocument(yamlText);
    const fromJsonText = readStrategyDocument(JSON.stringify(strategy()));
    expect(fromYaml.ok && fromJsonText.ok).toBe(true);
    const hashes = [asObject, fromYaml, fromJsonText].map((read) => contentHash((read as { value: StrategyDocument }).value));
    expect(new Set(hashes).size).toBe(1);
  });

  it('writes canonical YAML that YAML 1.1 readers read alike (times and "on" quoted) and that reads back the same', () => {
    const doc = strategy();
    doc.guards = { quietHours: { from: '20:00', to: '08:00' } };
    doc.reactions = [{ on: 'dispute.opened', do: { pause: true } }];
    const read = readStrategyDocument(doc);
    const text = canonicalYaml((read as { value: StrategyDocument }).value);
    expect(text).toContain('from: "20:00"');
    expect(text).toContain('- "on": dispute.opened');
    expect(text.indexOf('guards:')).toBeLessThan(text.indexOf('steps:'));
    expect(readStrategyDocument(text)).toEqual(read);
  });

  it('hashes a document by content, not by field order', () => {
    const reordered = strategy();
    reordered.steps[0] = { next: 'pause-1', template: 'reminder-friendly', channel: 'email', type: 'message', id: 'remind-1' };
    const a = readStrategyDocument(strategy());
    const b = readStrategyDocument({ steps: reordered.steps, name: 'Gentle', key: 'gentle' });
    expect(contentHash((a as any).value)).toBe(contentHash((b as any).value));
    const changed = strategy();
    changed.steps[1].duration = 'P8D';
    expect(contentHash((readStrategyDocument(changed) as any).value)).not.toBe(contentHash((a as any).value));
  });

  it('ships a default strategy that validates: e-mail at due + 3, SMS falling back to e-mail at + 10, letter at + 21, escalation at + 35', () => {
    const read = readStrategyDocument(readFileSync('src/collections/strategies/default.yaml', 'utf8'));
    expect(read.ok).toBe(true);
    const document = (read as { value: StrategyDocument }).value;
    const waits = document.steps.filter((step) => step.type === 'wait').map((step) => (step as { until?: string }).until);
    expect(waits).toEqual(['dueDate + P3D', 'dueDate + P10D', 'dueDate + P21D', 'dueDate + P35D']);
    const messages = document.steps.flatMap((step) => (step.type === 'message' ? [[step.channel, step.template, step.fallbacks ?? []]] : []));
    expect(messages).toEqual([['email', 'reminder-friendly', []], ['sms', 'reminder-second', ['email']], ['letter', 'final-notice', []]]);
    expect(document.steps.at(-2)).toMatchObject({ type: 'escalate', to: 'agency' });
    expect(document.steps.at(-1)).toMatchObject({ type: 'end' });
  });

  it('names the step and field of a reference to a missing step (next, then, else, arms, onEvent, goto)', () => {
    const doc = strategy();
    doc.steps[0].next = 'remind-3';
    doc.steps[2].else = 'nowhere';
    expect(problemsOf(doc)).toEqual(expect.arrayContaining([
      'steps[0] (id "remind-1").next: no step "remind-3"',
      'steps[2] (id "check").else: no step "nowhere"',
    ]));
    const split = strategy();
    split.steps[2] = { id: 'check', type: 'split', seed: 's1', arms: [{ name: 'a', weight: 1, next: 'remind-2' }, { name: 'b', weight: 1, next: 'ghost' }] };
    split.reactions = [{ on: 'dispute.opened', do: { goto: 'hold' } }];
    split.steps[1].orEvent = 'payment.received';
    split.steps[1].onEvent = 'gone';
    expect(problemsOf(split)).toEqual(expect.arrayContaining([
      'steps[2] (id "check").arms[1].next: no step "ghost"',
      'reactions[0].do.goto: no step "hold"',
      'steps[1] (id "pause-1").onEvent: no step "gone"',
    ]));
  });

  it('refuses two steps with one id', () => {
    const doc = strategy();
    doc.steps[3].id = 'remind-1';
    expect(problemsOf(doc)).toContain('steps[3] (id "remind-1").id: "remind-1" is already the id of steps[0]');
  });

  it('refuses a step no path reaches, but not one a reaction goes to', () => {
    const doc = strategy();
    doc.steps.push({ id: 'orphan', type: 'end' });
    expect(problemsOf(doc)).toEqual(['steps[5] (id "orphan"): step "orphan" can never be reached from the first step "remind-1" or a reaction\'s goto']);
    doc.reactions = [{ on: 'dispute.opened', do: { goto: 'orphan' } }];
    expect(problemsOf(doc)).toEqual([]);
  });

  it('reports a part cut off by one broken reference once, at the step leading into it, and an unreachable loop once', () => {
    const doc = strategy();
    doc.steps[0].next = 'pause-one';
    expect(problemsOf(doc)).toEqual([
      'steps[0] (id "remind-1").next: no step "pause-one"',
      'steps[1] (id "pause-1"): step "pause-1" can never be reached from the first step "remind-1" or a reaction\'s goto (nor can "check", "remind-2", "done", reached only through it)',
    ]);
    const loop = strategy();
    loop.steps[0].next = 'done';
    loop.steps[3].next = 'pause-1';
    expect(problemsOf(loop)).toEqual([
      'steps[1] (id "pause-1"): step "pause-1" can never be reached from the first step "remind-1" or a reaction\'s goto (nor can "check", "remind-2", reached only through it)',
    ]);
  });

  it('refuses a loop without a wait, and accepts one through a wait with a duration', () => {
    const doc = strategy();
    doc.steps[3].next = 'check';
    expect(problemsOf(doc)).toEqual(['steps[3] (id "remind-2").next: loop "check" → "remind-2" → "check" has no wait with a duration']);
    const waiting = strategy();
    waiting.steps[3].next = 'pause-1';
    expect(problemsOf(waiting)).toEqual([]);
    const untilOnly = strategy();
    untilOnly.steps[1] = { id: 'pause-1', type: 'wait', until: 'dueDate + P7D', next: 'check' };
    untilOnly.steps[3].next = 'pause-1';
    expect(problemsOf(untilOnly)).toEqual(['steps[3] (id "remind-2").next: loop "pause-1" → "check" → "remind-2" → "pause-1" has no wait with a duration']);
  });

  it('refuses durations that are not ISO 8601, zero waits and waits with both or neither of duration and until', () => {
    const doc = strategy();
    doc.steps[1].duration = '7 days';
    expect(problemsOf(doc)).toContain('steps[1] (id "pause-1").duration: "7 days" is not an ISO 8601 duration such as P7D or PT12H');
    doc.steps[1].duration = 'PT0S';
    expect(problemsOf(doc)).toContain('steps[1] (id "pause-1").duration: must be longer than zero');
    doc.steps[1].until = 'dueDate + P3D';
    doc.steps[1].duration = 'P1D';
    expect(problemsOf(doc)).toContain('steps[1] (id "pause-1"): a wait needs exactly one of duration and until');
    expect(parseIsoDuration('P1Y2M3W4DT5H6M7S')).toEqual({ years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7 });
    for (const bad of ['P', 'PT', 'P1DT', '1D', 'P1.5D', 'p7d', 'P-1D']) expect(parseIsoDuration(bad)).toBeNull();
  });

  it('refuses an until that does not parse', () => {
    const doc = strategy();
    doc.steps[1] = { id: 'pause-1', type: 'wait', until: 'dueDate plus two weeks', next: 'check' };
    expect(problemsOf(doc)).toEqual(['steps[1] (id "pause-1").until: "dueDate plus two weeks" is not "<claim date> [+|- <ISO 8601 duration>]", e.g. "dueDate + P14D"']);
    doc.steps[1].until = 'createdAt + P1D';
    expect(problemsOf(doc)).toEqual(['steps[1] (id "pause-1").until: "createdAt" is not a claim date; use one of: dueDate']);
    doc.steps[1].until = 'dueDate + 14';
    expect(problemsOf(doc)).toEqual(['steps[1] (id "pause-1").until: "14" is not an ISO 8601 duration such as P14D']);
    expect(parseUntil('dueDate - P1D')).toEqual({ ok: true, value: { field: 'dueDate', sign: -1, offset: expect.objectContaining({ days: 1 }) } });
    expect(parseUntil('dueDate')).toEqual({ ok: true, value: { field: 'dueDate', sign: 1, offset: null } });
  });

  it('refuses split weights that are not positive and arms with one name', () => {
    const doc = strategy();
    doc.steps[2] = { id: 'check', type: 'split', seed: 's', arms: [{ name: 'a', weight: 0, next: 'remind-2' }, { name: 'a', weight: 2, next: 'done' }] };
    expect(problemsOf(doc)).toEqual(['steps[2] (id "check").arms[0].weight: must be > 0']);
    doc.steps[2].arms[0].weight = 1;
    expect(problemsOf(doc)).toEqual(['steps[2] (id "check").arms[1].name: "a" names another arm of this split']);
  });

  it('refuses operators outside the sandbox in conditions and assignment rules', () => {
    const doc = strategy();
    doc.steps[2].if = { and: [{ '>': [{ var: 'facts.outstanding' }, 1] }, { method: [{ var: 'facts.debtorCountry' }, 'toString'] }] };
    expect(problemsOf(doc)).toEqual(['steps[2] (id "check").if: operator "method" at /and/1 is not allowed in expressions']);
    const rules = readAssignmentRules({ rules: [{ priority: 1, when: { eval: 'x' }, strategyKey: 'gentle', version: 'latest-published' }], defaultStrategyKey: 'default' });
    expect(rules).toEqual({ ok: false, error: ['rules[0].when: operator "eval" is not allowed in expressions'] });
  });

  it('refuses a var that names no fact, and lets iterations read their items', () => {
    const doc = strategy();
    doc.steps[2].if = { and: [{ '>': [{ var: 'facts.outstandng' }, 1] }, { '==': [{ var: 'amount' }, 1] }, { '>': [{ var: ['facts.scores.risk', 0] }, 0.5] }] };
    const problems = problemsOf(doc);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^steps\[2\] \(id "check"\)\.if: \{"var": "facts\.outstandng"\} at \/and\/0\/>\/0 names no fact; facts are read as "facts\.<name>" with <name> one of claimReference, /);
    expect(problems[1]).toMatch(/^steps\[2\] \(id "check"\)\.if: \{"var": "amount"\} at \/and\/1\/==\/0 names no fact/);
    doc.steps[2].if = { some: [{ var: 'facts.trigger.context.items' }, { '>': [{ var: 'amount' }, 5] }] };
    expect(problemsOf(doc)).toEqual([]);
    doc.steps[2].if = { '==': [{ var: 'facts.amount.cents' }, 1] };
    expect(problemsOf(doc)).toHaveLength(1);
  });

  it('names unknown fields, unknown step types, missing fields and wrong values at their place', () => {
    const doc = strategy();
    doc.steps[0].chanel = 'email';
    doc.steps[1].type = 'sleep';
    delete doc.steps[3].template;
    doc.steps[4].resolution = '';
    doc.color = 'red';
    expect(problemsOf(doc)).toEqual(expect.arrayContaining([
      'steps[0] (id "remind-1").chanel: is not a field here',
      'steps[1] (id "pause-1").type: "sleep" is not a step type; use one of: message, wait, condition, split, escalate, end',
      'steps[3] (id "remind-2").template: is required',
      'steps[4] (id "done").resolution: must NOT have fewer than 1 characters',
      'color: is not a field here',
    ]));
  });

  it('reads YAML and reports its syntax errors with the line', () => {
    expect(problemsOf('key: a\nname: [unclosed\n')[0]).toMatch(/^\(document\) line \d+, column \d+: /);
    expect(problemsOf('')).toEqual(['(document): empty']);
    expect(problemsOf('key: a\nkey: b\nname: x\nsteps: []\n')[0]).toMatch(/^\(document\) line 2/);
    expect(problemsOf('- just\n- a list\n')).toEqual(['(document): must be object']);
  });

  it('checks messages: fallbacks other than the channel, a send window that opens before it closes', () => {
    const doc = strategy();
    doc.steps[3].fallbacks = ['sms'];
    doc.steps[0].sendWindow = { from: '18:00', to: '08:00' };
    expect(problemsOf(doc)).toEqual([
      'steps[0] (id "remind-1").sendWindow: from 18:00 must be earlier than to 08:00',
      'steps[3] (id "remind-2").fallbacks[0]: "sms" is already the step\'s channel',
    ]);
    doc.steps[0].sendWindow = { from: '8:00', to: '18:00' };
    expect(problemsOf(doc)).toContain('steps[0] (id "remind-1").sendWindow.from: must be a time HH:MM (24 h)');
  });
});
