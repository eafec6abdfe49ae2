import type { ClaimFacts } from '../strategy/document.js';
import type { RunLogEntry, RunPosition, TimedAction } from '../strategy/interpreter.js';

/*
 * The events a run's decision appends (webhooks follow from them): one per step the decision executed, carrying
 * that step's outcome, and one per other outcome (start, pause, resume, trigger, end, the §6 notice). A step's
 * outcome is its last log line (a wait that started and ended in the same decision is one `collections.run.step`,
 * "wait over", not two); a message or escalation step's event is its `collections.run.message` or
 * `collections.claim.escalated`, which says what it did. The run log keeps every line. `collections.claim.escalated`
 * with `to: insurer` is what the cases module reacts to (it opens the non-payment case);
 * `policy.deadline.approaching` warns that an insured claim's reporting deadline is near (§6).
 */

export const RUN_STARTED = 'collections.run.started';
export const RUN_STEP = 'collections.run.step';
export const RUN_MESSAGE = 'collections.run.message';
export const CLAIM_ESCALATED = 'collections.claim.escalated';
export const RUN_ENDED = 'collections.run.ended';
export const RUN_STOPPED = 'collections.run.stopped';
export const RUN_PAUSED = 'collections.run.paused';
export const RUN_RESUMED = 'collections.run.resumed';
export const RUN_TRIGGER = 'collections.run.trigger';
export const POLICY_DEADLINE_APPROACHING = 'policy.deadline.approaching';

export const RUN_EVENT_TYPES = [
  RUN_STARTED, RUN_STEP, RUN_MESSAGE, CLAIM_ESCALATED, RUN_ENDED, RUN_STOPPED, RUN_PAUSED, RUN_RESUMED, RUN_TRIGGER, POLICY_DEADLINE_APPROACHING,
] as const;

/** The event shape the platform's writer takes (kept structural: the domain imports no platform service). */
export interface RunEvent {
  type: string;
  entityType: string;
  entityId: string;
  data: Record<string, unknown>;
}

interface RunIdentity {
  claimReference: string;
  runNo: number;
  strategyKey: string;
  strategyVersion: number;
  position: RunPosition;
}

const STEP_KINDS = new Set(['step', 'held', 'skipped', 'waiting', 'yielded', 'recorded', 'reaction', 'ignored']);
const LOG_EVENT: Record<string, string> = { paused: RUN_PAUSED, resumed: RUN_RESUMED, trigger: RUN_TRIGGER, event: RUN_TRIGGER };

export function runEvents(run: RunIdentity, log: readonly RunLogEntry[], actions: readonly TimedAction[], started: boolean, facts: ClaimFacts | null): RunEvent[] {
  const event = (type: string, data: Record<string, unknown>): RunEvent => {
    // The run's identity, then the event's own fields (which win): field by field, as spreads of these shapes cost a sweep more.
    const payload: Record<string, unknown> = { claimReference: run.claimReference, runNo: run.runNo, strategyKey: run.strategyKey, strategyVersion: run.strategyVersion };
    for (const [key, value] of Object.entries(data)) payload[key] = value;
    return { type, entityType: 'collections_run', entityId: run.claimReference, data: payload };
  };
  const events: RunEvent[] = [];
  if (started) events.push(event(RUN_STARTED, { at: run.position.asOf }));
  const pending = [...actions];
  for (let index = 0; index < log.length; index += 1) {
    const entry = log[index]!;
    if (!STEP_KINDS.has(entry.kind)) {
      const type = LOG_EVENT[entry.kind];
      if (type) events.push(event(type, { at: entry.at, stepId: entry.stepId, kind: entry.kind, reason: entry.reason }));
      continue;
    }
    index = lastLineOfStep(log, index);
    const outcome = log[index]!;
    const done = pending.findIndex((action) => isStepAction(action) && action.stepId === outcome.stepId && action.at === outcome.at);
    if (done >= 0) events.push(actionEvent(pending.splice(done, 1)[0]!, facts, event));
    else events.push(event(RUN_STEP, { at: outcome.at, stepId: outcome.stepId, kind: outcome.kind, reason: outcome.reason }));
  }
  for (const action of pending) events.push(actionEvent(action, facts, event));
  return events;
}

/** The last of the lines one execution of a step wrote (consecutive step lines of the same step), from its first. */
function lastLineOfStep(log: readonly RunLogEntry[], first: number): number {
  let last = first;
  while (last + 1 < log.length && STEP_KINDS.has(log[last + 1]!.kind) && log[last + 1]!.stepId === log[first]!.stepId) last += 1;
  return last;
}

/** An action a step takes as its outcome (its event stands for the step). */
function isStepAction(action: TimedAction): action is Extract<TimedAction, { type: 'send' | 'escalate' }> {
  return action.type === 'send' || action.type === 'escalate';
}

function actionEvent(action: TimedAction, facts: ClaimFacts | null, event: (type: string, data: Record<string, unknown>) => RunEvent): RunEvent {
  switch (action.type) {
    case 'send':
      return event(RUN_MESSAGE, { at: action.at, stepId: action.stepId, channel: action.channel, template: action.template, language: facts?.debtorLanguage ?? null, fallbackFrom: action.fallbackFrom ?? null });
    case 'escalate':
      return event(CLAIM_ESCALATED, { at: action.at, stepId: action.stepId, to: action.to, insured: facts?.insured ?? false, outstanding: facts?.outstanding ?? null, currency: facts?.currency ?? null });
    case 'end':
      return event(action.state === 'ENDED' ? RUN_ENDED : RUN_STOPPED, { at: action.at, reason: action.reason });
    case 'switch':
      return event(RUN_STEP, { at: action.at, kind: 'switch', strategyKey: action.strategyKey });
    case 'policy-deadline':
      return event(POLICY_DEADLINE_APPROACHING, { at: action.at, reportingDeadline: action.reportingDeadline, outstanding: facts?.outstanding ?? null, currency: facts?.currency ?? null });
  }
}
