/*
 * What other modules, the CLI and the root may use of collections: strategies as versioned data; and of its debtor
 * records, the commitment facts of a claim for the strategy guards, the event types the records append, and a file
 * opened for its own account only.
 */
export type {
  AssignmentRules, Channel, ClaimFacts, Expression, Reaction, ReactionAction, Step, StepType, StrategyDocument,
} from './domain/strategy/document.js';
export { chooseStrategy, resolveVersion, type StrategyChoice } from './domain/strategy/assignment.js';
export { STRATEGY_EVENT_TYPES, STRATEGY_PUBLISHED, STRATEGY_RETIRED } from './use-cases/strategies/shared.js';
export { readStrategyDocument, canonicalYaml, contentHash } from './use-cases/strategies/read-strategy-document.js';
export { strategyForClaim, findStrategyVersionById, DEFAULT_STRATEGY_KEY } from './use-cases/strategies/strategy-for-claim.js';
export { publishStrategyFile } from './use-cases/strategies/publish-strategy-file.js';
export { strategyErrorMessage, type StrategyError } from './domain/strategy/errors.js';
export { publishStrategyAsStaff, validateStrategyText, type PublishedStrategy, type StrategyValidation } from './strategy-commands.js';
export { MAX_DOCUMENT_CHARS } from './use-cases/strategies/read-strategy-document.js';
export { storedStrategies, type StoredStrategy } from './use-cases/strategies/stored-strategies.js';
/** Idempotent: publishes the shipped default (if not already) and sets rules only where a tenant has none (tenants created before collections). */
export { installDefaultStrategy } from './use-cases/strategies/install-default-strategy.js';
export { defaultStrategyText } from './strategies/default-strategy.js';
export { debtorCommitmentFacts, type DebtorCommitmentFacts } from './use-cases/debtor-commitment-facts.js';
export { DEBTOR_RECORD_EVENT_TYPES, INSTALMENT_MISSED, INSTALMENT_PLAN_BROKEN, PROMISE_BROKEN, PROMISE_CREATED, PROMISE_KEPT } from './events.js';
export { openAccountFile } from './use-cases/files/open-account-file.js';
export { LANDING_EVENT_TYPES, LANDING_PAGE_VISITED } from './landing/events.js';
/** The back office's reports: promises kept, results per arm of a strategy's split. */
export { type PromiseMonthRow, type SplitArmRow, promisesByDueMonth, resultsPerSplitArm } from './report-queries.js';
/** The staff console's strategy screens: versions, a diff between two, one version's document, and the simulation preview. */
export { listStrategies } from './use-cases/strategies/list-strategies.js';
export { diffStrategyVersions, type StrategyDiff } from './use-cases/strategies/diff-strategy-versions.js';
export { getStrategyVersion } from './use-cases/strategies/get-strategy-version.js';
export { simulate, type ScriptEvent, type Simulation } from './domain/strategy/simulate.js';
/** The event a run appends when it escalates a claim (`to`: agency, legal, insurer); cases reacts to `insurer`. */
export { CLAIM_ESCALATED } from './domain/runs/run-events.js';
/** The staff console's account screen: runs and their logs, messages, landing-page visits, promises, plans, prepared transfers. */
export { collectionsForStaff, type StaffCollectionsView } from './staff-reads.js';
