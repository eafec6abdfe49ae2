import type { ClaimFacts, StrategyDocument } from './document.js';
import {
  decide, dueAt, pause, resume, startPosition, stop, type InterpreterContext, type RunLogEntry, type RunPosition, type TimedAction,
} from './interpreter.js';

/*
 * simulate(strategy, facts, eventScript) → timeline (shared/spec/collections.md §2): the run of one claim from its
 * start to a horizon, driven by the same `decide` the engine uses. Timers are drained up to each scripted event
 * (timers due at the same instant as an event go first, as the engine's sweep does before the event arrives).
 */

export type ScriptEvent =
  | { at: string; kind: 'trigger'; name: string; context?: Record<string, unknown> }
  | { at: string; kind: 'event'; name: string }
  | { at: string; kind: 'payment'; amount: number }
  | { at: string; kind: 'pause'; until?: string }
  | { at: string; kind: 'resume' }
  | { at: string; kind: 'stop'; reason: string };

export interface SimulationOptions {
  /** When the claim became ACTIVE and its run started. */
  start: string;
  /** Nothing after this instant is simulated. */
  until: string;
  businessTimeZone: string;
  holidays?: readonly string[];
  insurance?: InterpreterContext['insurance'];
  /** Other strategies a `switch` reaction may name (latest version); an unknown key ends the run as switched. */
  strategies?: ReadonlyMap<string, StrategyDocument>;
}

export interface Simulation {
  timeline: TimedAction[];
  log: RunLogEntry[];
  position: RunPosition;
  strategyKey: string;
}

/** Bound on decisions in one simulation, whatever the script: a strategy cannot loop for ever here. */
const MAX_DECISIONS = 10_000;

export function simulate(strategy: StrategyDocument, facts: ClaimFacts, script: readonly ScriptEvent[], options: SimulationOptions): Simulation {
  const sim = new Simulator(strategy, facts, options);
  sim.run(Date.parse(options.start));
  const horizon = Date.parse(options.until);
  const events = [...script].filter((event) => Date.parse(event.at) <= horizon).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const event of events) {
    sim.drain(Date.parse(event.at));
    sim.apply(event);
  }
  sim.drain(horizon);
  return { timeline: sim.timeline, log: sim.log, position: sim.position, strategyKey: sim.document.key };
}

class Simulator {
  readonly timeline: TimedAction[] = [];
  readonly log: RunLogEntry[] = [];
  readonly sentAt: string[] = [];
  readonly facts: ClaimFacts;
  position: RunPosition;
  dueAt: string | null = null;
  decisions = 0;

  constructor(public document: StrategyDocument, facts: ClaimFacts, private readonly options: SimulationOptions) {
    this.facts = structuredClone(facts);
    this.position = startPosition(document, new Date(options.start));
  }

  context(): InterpreterContext {
    return {
      businessTimeZone: this.options.businessTimeZone,
      holidays: new Set(this.options.holidays ?? []),
      debtorMessagesAt: this.sentAt,
      ...(this.options.insurance ? { insurance: this.options.insurance } : {}),
    };
  }

  run(now: number, incoming?: Parameters<typeof decide>[0]['incoming']): void {
    if ((this.decisions += 1) > MAX_DECISIONS) return;
    const { trigger: _ignored, ...base } = this.facts;
    const facts = incoming?.kind === 'trigger' ? { ...base, trigger: { name: incoming.name, context: incoming.context ?? {} } } : base;
    const out = decide({ document: this.document, position: this.position, facts, now: new Date(now), context: this.context(), ...(incoming ? { incoming } : {}) });
    this.record(out.actions, out.log);
    this.position = out.position;
    this.dueAt = out.dueAt;
    const switched = out.actions.find((action) => action.type === 'switch');
    const next = switched?.type === 'switch' ? this.options.strategies?.get(switched.strategyKey) : undefined;
    if (switched && next) {
      this.document = next;
      this.position = startPosition(next, new Date(switched.at));
      this.run(now);
    }
  }

  record(actions: readonly TimedAction[], log: readonly RunLogEntry[]): void {
    this.timeline.push(...actions);
    this.log.push(...log);
    for (const action of actions) if (action.type === 'send') this.sentAt.push(action.at);
  }

  /** Every timer due at or before `now`. */
  drain(now: number): void {
    while (this.dueAt !== null && Date.parse(this.dueAt) <= now && this.decisions < MAX_DECISIONS) {
      const before = JSON.stringify(this.position);
      this.run(now);
      if (JSON.stringify(this.position) === before) return;
    }
  }

  apply(event: ScriptEvent): void {
    const at = new Date(event.at);
    switch (event.kind) {
      case 'payment':
        this.facts.outstanding = Math.max(0, this.facts.outstanding - event.amount);
        return;
      case 'pause':
        return this.command(pause(this.position, at, event.until === undefined ? null : new Date(event.until)));
      case 'resume':
        this.command(resume(this.position, at));
        return this.run(at.getTime());
      case 'stop':
        return this.command(stop(this.position, at, event.reason));
      default:
        return this.run(at.getTime(), { kind: event.kind, name: event.name, ...(event.kind === 'trigger' && event.context ? { context: event.context } : {}) });
    }
  }

  command(result: { position: RunPosition; log: RunLogEntry[]; actions?: TimedAction[] }): void {
    this.record(result.actions ?? [], result.log);
    this.position = result.position;
    this.dueAt = dueAt(this.position, this.context());
  }
}
