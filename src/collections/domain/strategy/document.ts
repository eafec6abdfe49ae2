/**
 * The strategy document (shared/spec/collections.md §1): what a collections team writes, reviews and publishes.
 * Pure types; the JSON Schema that validates a document and the interpreter that runs one are built on these.
 * A step moves to `next` unless its type says otherwise; the first step of `steps` is where a run starts.
 */
export type Channel = 'email' | 'sms' | 'letter';
export const CHANNELS: readonly Channel[] = ['email', 'sms', 'letter'];

/** A JSON Logic rule over the facts of the claim (see `ClaimFacts`), evaluated in a sandbox; never `eval`. */
export type Expression = boolean | { [operator: string]: unknown };

export interface MessageStep {
  id: string;
  type: 'message';
  channel: Channel;
  /** Template id; its text per language lives with the communications templates. */
  template: string;
  /** Channels to try, in order, when the first cannot be used (no address, delivery failed). */
  fallbacks?: Channel[];
  /** Send only inside these local hours of the debtor (HH:MM, 24 h), on business days unless `weekends`. */
  sendWindow?: { from: string; to: string; weekends?: boolean };
  next: string;
}

export interface WaitStep {
  id: string;
  type: 'wait';
  /** ISO 8601 duration from when the wait starts, e.g. `P7D`. Exactly one of `duration` and `until`. */
  duration?: string;
  /** A claim date plus or minus a duration, e.g. `dueDate + P14D`. */
  until?: string;
  /** A custom trigger name (#31) or a domain event type that ends the wait early. */
  orEvent?: string;
  /** Where to go when `orEvent` ends the wait; `next` when absent. */
  onEvent?: string;
  next: string;
}

export interface ConditionStep {
  id: string;
  type: 'condition';
  if: Expression;
  then: string;
  else: string;
}

export interface SplitStep {
  id: string;
  type: 'split';
  /** The arm is chosen by hash(claimReference, seed), so a claim always lands in the same arm. */
  seed: string;
  arms: { name: string; weight: number; next: string }[];
}

export interface EscalateStep {
  id: string;
  type: 'escalate';
  to: 'agency' | 'legal' | 'insurer';
  /** Absent: the run ends once escalated. */
  next?: string;
}

export interface EndStep {
  id: string;
  type: 'end';
  resolution?: string;
}

export type Step = MessageStep | WaitStep | ConditionStep | SplitStep | EscalateStep | EndStep;
export type StepType = Step['type'];

/** What a reaction does when its trigger or event arrives, at any step of the run. */
export type ReactionAction =
  | { goto: string }
  | { switch: string }
  | { pause: true }
  | { stop: string };

export interface Reaction {
  /** A custom trigger name (#31) or an event: `promise.broken`, `payment.received`, `landing_page.visited`, `dispute.opened`, … */
  on: string;
  do: ReactionAction;
}

export interface StrategyGuards {
  /** At most this many messages to one debtor in any 7 days; further messages wait. */
  contactCapPerWeek?: number;
  /** No message between these local times of the debtor (HH:MM, may wrap midnight). */
  quietHours?: { from: string; to: string };
}

export interface StrategyDocument {
  key: string;
  name: string;
  description?: string;
  steps: Step[];
  reactions?: Reaction[];
  guards?: StrategyGuards;
}

/** How a tenant chooses the strategy for a claim when it becomes ACTIVE: the first matching rule wins. */
export interface AssignmentRules {
  rules: { priority: number; when: Expression; strategyKey: string; version: 'latest-published' | number }[];
  /** Used when no rule matches. */
  defaultStrategyKey: string;
}

/**
 * The typed snapshot of facts a condition, an assignment rule or a guard reads. Amounts in minor units; dates as
 * `YYYY-MM-DD` in the tenant's business time zone.
 */
export interface ClaimFacts {
  claimReference: string;
  accountReference: string;
  currency: string;
  amount: number;
  outstanding: number;
  dueDate: string;
  daysPastDue: number;
  debtorCountry: string | null;
  debtorLanguage: string | null;
  debtorTimeZone: string | null;
  hasEmail: boolean;
  hasPhone: boolean;
  hasPostalAddress: boolean;
  scores: Record<string, number>;
  promise: 'none' | 'open' | 'kept' | 'broken';
  instalmentPlan: 'none' | 'in_good_standing' | 'missed' | 'broken';
  disputeOpen: boolean;
  lastMessageOpened: boolean;
  insured: boolean;
  trigger?: { name: string; context: Record<string, unknown> };
}
