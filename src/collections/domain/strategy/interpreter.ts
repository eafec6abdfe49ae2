import type { Channel, ClaimFacts, EscalateStep, MessageStep, Reaction, Step, StrategyDocument, WaitStep } from './document.js';
import { evaluate, isTruthy } from './expressions.js';
import { addDuration, daysPastDue, localDayStart, nextSendInstant, parseDuration, sendBlockedBecause, untilInstant, type SendRules } from './interpreter-time.js';

/*
 * The strategy interpreter (shared/spec/collections.md §1–2): given a strategy document, a run's position, the
 * claim's facts and the time, it says what the run does now (send a message, escalate, end) and where it stands
 * afterwards (step, wake time, awaited event), with a log line for every decision and its reason. Pure: the
 * engine (sweeps, triggers) and `simulate` both drive this one function, so they cannot disagree.
 *
 * Time: each step runs at its own logical time. A wait that ended at 09:00 runs its next step "at 09:00" even when
 * the sweep that noticed it came later (a sandbox clock advanced by 30 days replays the 30 days in order). The
 * position's `asOf` is the last logical time, so nothing runs earlier than what the run has already seen
 * (a resume at R fires a wait that expired during the pause at R, once).
 */

export type RunState = 'RUNNING' | 'PAUSED' | 'STOPPED' | 'ENDED';

export interface RunCursor {
  stepId: string;
  /** When the current step may proceed (a wait's end, a held message's next try); null: at once. */
  wakeAt: string | null;
  /** The trigger or event that ends the current wait early (`wait.orEvent`). */
  awaiting: string | null;
}

export interface RunPosition {
  state: RunState;
  cursor: RunCursor;
  pausedUntil: string | null;
  stopReason: string | null;
  /** The logical time of the run's last decision (ISO instant). */
  asOf: string;
  /** Set once `policy.deadline.approaching` has been announced. */
  deadlineNotified: boolean;
}

/** A custom trigger (#31) or a domain event (`promise.broken`, `payment.received`, …) arriving now. */
export interface Incoming {
  kind: 'trigger' | 'event';
  name: string;
  context?: Record<string, unknown>;
  /** The platform event it came from (named in the log, so a repeated delivery is recognised). */
  sourceEventId?: number;
}

export type RunAction =
  | { type: 'send'; stepId: string; channel: Channel; template: string; fallbackFrom?: Channel }
  | { type: 'escalate'; stepId: string; to: EscalateStep['to'] }
  | { type: 'switch'; strategyKey: string }
  | { type: 'end'; state: 'ENDED' | 'STOPPED'; reason: string }
  | { type: 'policy-deadline'; reportingDeadline: string };

export type TimedAction = RunAction & { at: string };

export interface RunLogEntry {
  at: string;
  stepId: string | null;
  /** What happened: `step`, `held`, `waiting`, `trigger`, `reaction`, `paused`, `resumed`, `ended`, … */
  kind: string;
  /** Why, in words a collections team reads. */
  reason: string;
}

export interface InterpreterContext {
  /** The tenant's business time zone: dates of `until` and days past due; the debtor's zone when unknown. */
  businessTimeZone: string;
  /** Local dates with no messages under a send window (the tenant's holiday list). */
  holidays: ReadonlySet<string>;
  /** When messages went to this debtor recently (any claim), for the weekly contact cap. */
  debtorMessagesAt: readonly string[];
  /** An insured claim's reporting deadline for a non-payment case (§6), and how many days ahead to warn. */
  insurance?: { reportingDeadline: string; noticeDays: number };
}

export interface InterpreterInput {
  document: StrategyDocument;
  position: RunPosition;
  facts: ClaimFacts;
  now: Date;
  context: InterpreterContext;
  incoming?: Incoming;
}

export interface InterpreterOutput {
  position: RunPosition;
  actions: TimedAction[];
  log: RunLogEntry[];
  /** When the run next needs the engine (the indexed timer); null: only an event or a command moves it. */
  dueAt: string | null;
}

/** Steps one decision may take before it yields (a strategy looping through conditions with no wait stops here). */
export const MAX_STEPS_PER_DECISION = 64;
/** How long a message held by a promise, plan or dispute waits before it is tried again. */
const HOLD_RETRY_MS = 86_400_000;
const WEEK_MS = 7 * 86_400_000;

/** The position of a run that starts now at the document's first step. */
export function startPosition(document: StrategyDocument, now: Date): RunPosition {
  const first = document.steps[0];
  if (!first) throw new Error(`Strategy ${document.key} has no steps`);
  return { state: 'RUNNING', cursor: { stepId: first.id, wakeAt: null, awaiting: null }, pausedUntil: null, stopReason: null, asOf: now.toISOString(), deadlineNotified: false };
}

/** Everything one decision reads and writes, so the step functions stay short. */
class Decision {
  readonly actions: TimedAction[] = [];
  readonly log: RunLogEntry[] = [];
  position: RunPosition;
  at: number;
  readonly sentAt: number[];

  /** The last `at` written as ISO text, and that text (a decision's lines share a few instants). */
  #isoAt = Number.NaN;
  #iso = '';

  constructor(readonly input: InterpreterInput) {
    // A copy to change: the cursor is the position's one nested object.
    this.position = { ...input.position, cursor: { ...input.position.cursor } };
    this.at = Date.parse(input.position.asOf);
    this.sentAt = input.context.debtorMessagesAt.map((text) => Date.parse(text));
  }

  get iso(): string {
    if (this.at !== this.#isoAt) {
      this.#iso = new Date(this.at).toISOString();
      this.#isoAt = this.at;
    }
    return this.#iso;
  }

  note(kind: string, reason: string, stepId: string | null = this.position.cursor.stepId): void {
    this.log.push({ at: this.iso, stepId, kind, reason });
  }

  act(action: RunAction): void {
    this.actions.push({ ...action, at: this.iso });
  }

  moveTo(stepId: string): void {
    this.position.cursor = { stepId, wakeAt: null, awaiting: null };
  }

  finish(state: 'ENDED' | 'STOPPED', reason: string, why: string): void {
    this.position.state = state;
    this.position.stopReason = reason;
    this.position.cursor = { ...this.position.cursor, wakeAt: null, awaiting: null };
    this.act({ type: 'end', state, reason });
    this.note(state === 'ENDED' ? 'ended' : 'stopped', why);
  }

  /** The time zone of the debtor's local rules. */
  get debtorZone(): string {
    return this.input.facts.debtorTimeZone ?? this.input.context.businessTimeZone;
  }

  facts(): ClaimFacts {
    const { facts, context } = this.input;
    return { ...facts, daysPastDue: daysPastDue(facts.dueDate, new Date(this.at), context.businessTimeZone) };
  }
}

/** The one entry point: what the run does at `now`, given an optional incoming trigger or event. */
export function decide(input: InterpreterInput): InterpreterOutput {
  const decision = new Decision(input);
  const now = input.now.getTime();
  if (decision.at > now) decision.at = now;
  if (isFinished(decision.position)) {
    if (input.incoming) decision.note('ignored', `${describe(input.incoming)} after the run ${decision.position.state.toLowerCase()}`);
    return output(decision);
  }
  endPause(decision, now);
  if (decision.position.state === 'PAUSED') {
    if (input.incoming) decision.note('recorded', `${describe(input.incoming)} recorded; the run is paused`);
    return output(decision);
  }
  announceDeadline(decision, now);
  if (input.incoming) {
    decision.at = now;
    receive(decision, input.incoming);
  }
  runSteps(decision, now);
  announceDeadline(decision, now);
  return output(decision);
}

function isFinished(position: RunPosition): boolean {
  return position.state === 'STOPPED' || position.state === 'ENDED';
}

function describe(incoming: Incoming): string {
  return `${incoming.kind} ${incoming.name}${incoming.sourceEventId !== undefined ? ` ${sourceEventTag(incoming.sourceEventId)}` : ''}`;
}

/** How the log names the platform event an incoming event came from. */
export function sourceEventTag(eventId: number): string {
  return `(source event #${eventId})`;
}

/** A pause with an end that has come resumes the run at that end. */
function endPause(decision: Decision, now: number): void {
  const { position } = decision;
  if (position.state !== 'PAUSED' || position.pausedUntil === null) return;
  const until = Date.parse(position.pausedUntil);
  if (until > now) return;
  decision.at = Math.max(decision.at, until);
  position.state = 'RUNNING';
  position.pausedUntil = null;
  decision.note('resumed', 'the pause ended');
}

/** §6: an insured claim's reporting deadline is announced once, `noticeDays` before it. */
function announceDeadline(decision: Decision, now: number): void {
  const insurance = decision.input.context.insurance;
  if (!insurance || decision.position.deadlineNotified || isFinished(decision.position)) return;
  const noticeAt = localDayStart(insurance.reportingDeadline, decision.input.context.businessTimeZone, insurance.noticeDays).getTime();
  if (noticeAt > now) return;
  const at = decision.at;
  decision.at = Math.max(at, noticeAt);
  decision.position.deadlineNotified = true;
  decision.act({ type: 'policy-deadline', reportingDeadline: insurance.reportingDeadline });
  decision.note('policy', `the policy's reporting deadline ${insurance.reportingDeadline} is ${insurance.noticeDays} days away or less`, null);
  decision.at = at;
}

/** A trigger or event: ends a wait that awaits it, else fires the first matching reaction, else is only logged. */
function receive(decision: Decision, incoming: Incoming): void {
  const { cursor } = decision.position;
  decision.note(incoming.kind, `${describe(incoming)} received`);
  if (cursor.awaiting === incoming.name) {
    const step = findStep(decision.input.document, cursor.stepId) as WaitStep;
    const target = step.onEvent ?? step.next;
    decision.note('waiting', `the wait ended early on ${incoming.name}; continuing at ${target}`);
    decision.moveTo(target);
    return;
  }
  const reaction = (decision.input.document.reactions ?? []).find((candidate) => candidate.on === incoming.name);
  if (!reaction) {
    decision.note('recorded', `no reaction to ${incoming.name} in this strategy`);
    return;
  }
  react(decision, reaction);
}

function react(decision: Decision, reaction: Reaction): void {
  const action = reaction.do;
  if ('goto' in action) {
    decision.note('reaction', `on ${reaction.on}: go to ${action.goto}`);
    decision.moveTo(action.goto);
  } else if ('pause' in action) {
    decision.position.state = 'PAUSED';
    decision.position.pausedUntil = null;
    decision.note('paused', `on ${reaction.on}: pause`);
  } else if ('stop' in action) {
    decision.finish('STOPPED', action.stop, `on ${reaction.on}: stop with ${action.stop}`);
  } else {
    decision.act({ type: 'switch', strategyKey: action.switch });
    decision.note('reaction', `on ${reaction.on}: switch to strategy ${action.switch}`);
    decision.finish('ENDED', 'SWITCHED', `switched to strategy ${action.switch}`);
  }
}

export function findStep(document: StrategyDocument, stepId: string): Step | undefined {
  return document.steps.find((step) => step.id === stepId);
}

/** Runs steps until the run waits, ends or pauses, each at its logical time (never later than `now`). */
function runSteps(decision: Decision, now: number): void {
  for (let count = 0; count < MAX_STEPS_PER_DECISION; count += 1) {
    const { position } = decision;
    if (position.state !== 'RUNNING') return;
    const wakeAt = position.cursor.wakeAt === null ? undefined : Date.parse(position.cursor.wakeAt);
    if (wakeAt !== undefined && wakeAt > now) return;
    if (wakeAt !== undefined) decision.at = Math.max(decision.at, wakeAt);
    if (decision.input.facts.outstanding <= 0) {
      decision.finish('ENDED', 'CLAIM_PAID', 'the claim is paid in full');
      return;
    }
    const step = findStep(decision.input.document, position.cursor.stepId);
    if (!step) {
      decision.finish('STOPPED', 'STRATEGY_ERROR', `step ${position.cursor.stepId} does not exist in ${decision.input.document.key}`);
      return;
    }
    runStep(decision, step, wakeAt !== undefined);
  }
  // The cursor keeps its step; `dueAt` is then the decision's time, so the next sweep continues at once.
  decision.note('yielded', `${MAX_STEPS_PER_DECISION} steps in one decision; continuing on the next sweep`);
}

function runStep(decision: Decision, step: Step, woken: boolean): void {
  switch (step.type) {
    case 'message':
      return sendMessage(decision, step);
    case 'wait':
      return woken ? endWait(decision, step) : startWait(decision, step);
    case 'condition': {
      const holds = isTruthy(evaluate(step.if, { facts: decision.facts() }));
      decision.note('step', `condition is ${holds ? 'true' : 'false'}: go to ${holds ? step.then : step.else}`, step.id);
      return decision.moveTo(holds ? step.then : step.else);
    }
    case 'split': {
      const arm = chooseArm(step.arms, `${decision.input.facts.claimReference}:${step.seed}`);
      decision.note('step', `split arm ${arm.name} (hash of claim reference and seed ${step.seed})`, step.id);
      return decision.moveTo(arm.next);
    }
    case 'escalate':
      decision.act({ type: 'escalate', stepId: step.id, to: step.to });
      decision.note('step', `escalated to ${step.to}`, step.id);
      if (step.next !== undefined) return decision.moveTo(step.next);
      return decision.finish('ENDED', `ESCALATED_${step.to.toUpperCase()}`, `the run ends after escalating to ${step.to}`);
    case 'end':
      return decision.finish('ENDED', step.resolution ?? 'STRATEGY_END', `end step ${step.id}`);
  }
}

function startWait(decision: Decision, step: WaitStep): void {
  const wakeAt = waitEnd(decision, step);
  if (!wakeAt) {
    decision.note('step', `wait has no usable duration or until; continuing at ${step.next}`, step.id);
    return decision.moveTo(step.next);
  }
  decision.position.cursor = { stepId: step.id, wakeAt: new Date(Math.max(wakeAt.getTime(), decision.at)).toISOString(), awaiting: step.orEvent ?? null };
  decision.note('waiting', `until ${decision.position.cursor.wakeAt}${step.orEvent ? ` or ${step.orEvent}` : ''}`, step.id);
}

function waitEnd(decision: Decision, step: WaitStep): Date | undefined {
  if (step.duration !== undefined) {
    const duration = parseDuration(step.duration);
    return duration && addDuration(new Date(decision.at), duration);
  }
  // An `until` names a claim date (validate.ts), so the facts as given serve: days past due is not a date.
  if (step.until !== undefined) return untilInstant(step.until, decision.input.facts, decision.input.context.businessTimeZone);
  return undefined;
}

function endWait(decision: Decision, step: WaitStep): void {
  decision.note('step', `wait over; go to ${step.next}`, step.id);
  decision.moveTo(step.next);
}

/** A message step: the guards, then the first usable channel; held messages keep their place and try again. */
function sendMessage(decision: Decision, step: MessageStep): void {
  const hold = holdReason(decision, step);
  if (hold) {
    decision.position.cursor = { stepId: step.id, wakeAt: new Date(hold.retryAt).toISOString(), awaiting: null };
    decision.note('held', `${hold.reason}; tried again at ${decision.position.cursor.wakeAt}`, step.id);
    return;
  }
  const channel = usableChannel(decision.input.facts, step);
  if (!channel) {
    decision.note('skipped', `no usable channel among ${[step.channel, ...(step.fallbacks ?? [])].join(', ')}`, step.id);
    return decision.moveTo(step.next);
  }
  decision.act({ type: 'send', stepId: step.id, channel, template: step.template, ...(channel === step.channel ? {} : { fallbackFrom: step.channel }) });
  decision.sentAt.push(decision.at);
  decision.note('step', `sent ${step.template} by ${channel}${channel === step.channel ? '' : ` (fallback from ${step.channel})`}`, step.id);
  decision.moveTo(step.next);
}

interface Hold {
  reason: string;
  retryAt: number;
}

/** The guards every strategy has (§1): promise or plan in good standing, open dispute, contact cap, local hours. */
function holdReason(decision: Decision, step: MessageStep): Hold | undefined {
  const { facts, document } = decision.input;
  const later = decision.at + HOLD_RETRY_MS;
  if (facts.promise === 'open') return { reason: 'a promise to pay is open', retryAt: later };
  if (facts.instalmentPlan === 'in_good_standing') return { reason: 'an instalment plan is in good standing', retryAt: later };
  if (facts.disputeOpen) return { reason: 'a dispute is open', retryAt: later };
  const cap = document.guards?.contactCapPerWeek;
  if (cap !== undefined) {
    const recent = decision.sentAt.filter((at) => at > decision.at - WEEK_MS && at <= decision.at).sort((a, b) => a - b);
    if (recent.length >= cap) return { reason: `contact cap of ${cap} messages a week reached`, retryAt: recent[recent.length - cap]! + WEEK_MS };
  }
  return timeHold(decision, step);
}

function timeHold(decision: Decision, step: MessageStep): Hold | undefined {
  const rules: SendRules = {
    timeZone: decision.debtorZone, quietHours: decision.input.document.guards?.quietHours, sendWindow: step.sendWindow, holidays: decision.input.context.holidays,
  };
  const at = new Date(decision.at);
  const blocked = sendBlockedBecause(at, rules);
  if (blocked === undefined) return undefined;
  const next = nextSendInstant(at, rules);
  return { reason: blocked, retryAt: next ? next.getTime() : decision.at + HOLD_RETRY_MS };
}

function usableChannel(facts: ClaimFacts, step: MessageStep): Channel | undefined {
  const usable = (channel: Channel) => (channel === 'email' ? facts.hasEmail : channel === 'sms' ? facts.hasPhone : facts.hasPostalAddress);
  return [step.channel, ...(step.fallbacks ?? [])].find(usable);
}

/** FNV-1a (32 bit): the same arm for the same claim and seed on every machine. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function chooseArm<A extends { weight: number }>(arms: readonly A[], key: string): A {
  const total = arms.reduce((sum, arm) => sum + Math.max(0, arm.weight), 0);
  let point = total > 0 ? stableHash(key) % total : 0;
  for (const arm of arms) {
    point -= Math.max(0, arm.weight);
    if (point < 0) return arm;
  }
  return arms[0]!;
}

function output(decision: Decision): InterpreterOutput {
  const position = { ...decision.position, asOf: new Date(Math.max(decision.at, Date.parse(decision.input.position.asOf))).toISOString() };
  return { position, actions: decision.actions, log: decision.log, dueAt: dueAt(position, decision.input.context) };
}

/** When the engine must look at the run again without an event: a wait's end, a held message, a pause's end, the §6 notice. */
export function dueAt(position: RunPosition, context: InterpreterContext): string | null {
  if (isFinished(position)) return null;
  const times: number[] = [];
  if (position.state === 'PAUSED') {
    if (position.pausedUntil !== null) times.push(Date.parse(position.pausedUntil));
  } else {
    times.push(position.cursor.wakeAt === null ? Date.parse(position.asOf) : Date.parse(position.cursor.wakeAt));
  }
  if (context.insurance && !position.deadlineNotified) {
    times.push(localDayStart(context.insurance.reportingDeadline, context.businessTimeZone, context.insurance.noticeDays).getTime());
  }
  return times.length === 0 ? null : new Date(Math.min(...times)).toISOString();
}

/** pause_journeys (#23): PAUSED, optionally until an instant; a paused or finished run is left as it is. */
export function pause(position: RunPosition, now: Date, until: Date | null): { position: RunPosition; log: RunLogEntry[] } {
  if (position.state !== 'RUNNING') return { position, log: [] };
  const at = now.toISOString();
  const next = { ...position, state: 'PAUSED' as const, pausedUntil: until?.toISOString() ?? null, asOf: maxIso(position.asOf, at) };
  return { position: next, log: [{ at, stepId: position.cursor.stepId, kind: 'paused', reason: until ? `paused until ${until.toISOString()}` : 'paused' }] };
}

/**
 * resume_journeys (#24): RUNNING where it left off. The logical time moves to `now`, so a wait that expired during
 * the pause fires now, once.
 */
export function resume(position: RunPosition, now: Date): { position: RunPosition; log: RunLogEntry[] } {
  if (position.state !== 'PAUSED') return { position, log: [] };
  const at = now.toISOString();
  const next = { ...position, state: 'RUNNING' as const, pausedUntil: null, asOf: maxIso(position.asOf, at) };
  return { position: next, log: [{ at, stepId: position.cursor.stepId, kind: 'resumed', reason: 'resumed where it left off' }] };
}

/** stop_journeys (#25): STOPPED for good with the reason. */
export function stop(position: RunPosition, now: Date, reason: string): { position: RunPosition; actions: TimedAction[]; log: RunLogEntry[] } {
  if (isFinished(position)) return { position, actions: [], log: [] };
  const at = now.toISOString();
  const next: RunPosition = { ...position, state: 'STOPPED', stopReason: reason, pausedUntil: null, cursor: { ...position.cursor, wakeAt: null, awaiting: null }, asOf: maxIso(position.asOf, at) };
  return { position: next, actions: [{ type: 'end', state: 'STOPPED', reason, at }], log: [{ at, stepId: position.cursor.stepId, kind: 'stopped', reason: `stopped: ${reason}` }] };
}

function maxIso(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
