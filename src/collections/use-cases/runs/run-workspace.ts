import type { NewEvent } from '../../../platform/events/append.js';
import { dispatchAwareEventsWrites } from '../../../platform/events/append.js';
import { fastWriteAll, type FastWrite } from '../../../platform/db/fast-query.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { claimSnapshots, type ClaimForMessaging, type ClaimSnapshot } from '../../../servicing/api.js';
import { claimFactsOf, debtorKeyOf, insuranceOf, type ClaimRecord } from '../../domain/runs/claim-facts.js';
import { runEvents } from '../../domain/runs/run-events.js';
import type { ClaimFacts, StrategyDocument } from '../../domain/strategy/document.js';
import {
  decide, dueAt, startPosition, stop, type Incoming, type InterpreterContext, type RunLogEntry, type RunPosition, type TimedAction,
} from '../../domain/strategy/interpreter.js';
import { debtorCommitmentFactsOf, type DebtorCommitmentFacts } from '../debtor-commitment-facts.js';
import { loadRuns, recentSends, runEventsWrite, runsWrite, tenantHolidays, type RunEventRow, type RunRow, type RunWrite } from './run-store.js';
import type { StrategySource } from './strategy-source.js';

/*
 * One unit of work over some runs of one tenant: their rows (locked), their claims' facts from servicing, the
 * tenant's holidays and the debtors' recent messages are read once for the batch; each run's decision is taken by
 * the pure interpreter; everything is written back in one round trip (runs, log rows, events). Sweeps, triggers,
 * pause/resume/stop and starts all go through here, so a decision is recorded the same way whoever caused it.
 */

export interface RunsContext {
  strategies: StrategySource;
  businessTimeZone: string;
  /** Renders and stores a message for a claim (the communications work's function, once it exists). */
  sendMessage?: MessageSender;
}

export interface MessageRequest {
  claimReference: string;
  runNo: number;
  stepId: string;
  channel: string;
  /** The step's channels after the chosen one, in order (tried when the message cannot be delivered). */
  fallbacks: string[];
  template: string;
  at: string;
}

/** A batch's messages, rendered and ready to be written with the runs (see use-cases/messages/send-run-messages.ts). */
export interface PreparedMessages {
  /** Per request: why it could not be sent, or undefined once it is stored. */
  failures: (string | undefined)[];
  /** The messages' rows and their mail jobs, to send with the runs' writes. */
  writes: FastWrite[];
  events: NewEvent[];
}

/** Prepares the messages of a batch of run steps (the communications work's function); `known`: claims already read. */
export type MessageSender = (uow: UnitOfWork, requests: readonly MessageRequest[], known?: ReadonlyMap<string, ClaimForMessaging>) => Promise<PreparedMessages>;

export interface RunChange {
  run: RunWrite;
  log: RunLogEntry[];
  actions: TimedAction[];
  facts?: ClaimFacts;
  /** The claim's run starts (again): announced as `collections.run.started`. */
  started?: boolean;
}

const TWO_WEEKS_MS = 14 * 86_400_000;

export class RunWorkspace {
  readonly changes: RunChange[] = [];
  readonly #documents = new Map<string, StrategyDocument | undefined>();

  private constructor(
    readonly uow: UnitOfWork,
    readonly ctx: RunsContext,
    readonly runs: Map<string, RunRow>,
    readonly claims: Map<string, ClaimSnapshot>,
    readonly holidays: ReadonlySet<string>,
    readonly sends: Map<string, string[]>,
    readonly commitments: Map<string, DebtorCommitmentFacts>,
  ) {}

  /** Loads the runs (FOR UPDATE unless the caller holds the locks already) and what their decisions read. */
  static async open(uow: UnitOfWork, ctx: RunsContext, claimReferences: readonly string[], options: { locked?: boolean } = {}): Promise<RunWorkspace> {
    const tenantId = uow.tenant.id;
    const runs = await loadRuns(uow.tx, tenantId, claimReferences, options.locked !== true);
    const claims = await claimSnapshots(uow.tx, tenantId, claimReferences);
    const holidays = await tenantHolidays(uow.tx, tenantId);
    const debtorKeys = [...claims.values()].map((claim) => debtorKeyOf(record(claim)));
    const sends = await recentSends(uow.tx, tenantId, debtorKeys, new Date(uow.now.getTime() - TWO_WEEKS_MS));
    const commitments = await debtorCommitmentFactsOf(uow.tx, tenantId, [...claims.keys()]);
    return new RunWorkspace(uow, ctx, runs, claims, holidays, sends, commitments);
  }

  async document(key: string, version: number): Promise<StrategyDocument | undefined> {
    const id = `${key}@${version}`;
    if (!this.#documents.has(id)) this.#documents.set(id, await this.ctx.strategies.load(this.uow.tx, this.uow.tenant.id, key, version));
    return this.#documents.get(id);
  }

  context(claim: ClaimSnapshot | undefined): InterpreterContext {
    const insurance = claim && insuranceOf(record(claim));
    return {
      businessTimeZone: this.ctx.businessTimeZone,
      holidays: this.holidays,
      debtorMessagesAt: claim ? this.sends.get(debtorKeyOf(record(claim))) ?? [] : [],
      ...(insurance ? { insurance } : {}),
    };
  }

  /** The run's decision now (with an incoming trigger or event), after `before` changed its position (a resume). */
  async advance(run: RunRow, options: { incoming?: Incoming; position?: RunPosition; log?: RunLogEntry[]; started?: boolean } = {}): Promise<RunChange> {
    const claim = this.claims.get(run.claimReference);
    const position = options.position ?? run.position;
    const document = await this.document(run.strategyKey, run.strategyVersion);
    const prior = options.log ?? [];
    if (!claim || !document) {
      const reason = !claim ? 'CLAIM_UNKNOWN' : 'STRATEGY_UNKNOWN';
      return this.record(run, stopped(position, this.uow.now, reason, prior), undefined, options.started);
    }
    if (claim.status === 'RESOLVED' && claim.resolutionReason !== 'CLAIM_PAID') {
      return this.record(run, stopped(position, this.uow.now, claim.resolutionReason ?? 'CLAIM_RESOLVED', prior), undefined, options.started);
    }
    const facts = { ...factsOf(claim, options.incoming), ...this.commitments.get(run.claimReference) };
    const context = this.context(claim);
    const out = decide({ document, position, facts, now: this.uow.now, context, ...(options.incoming ? { incoming: options.incoming } : {}) });
    const change = this.record(run, { position: out.position, log: [...prior, ...out.log], actions: out.actions, dueAt: out.dueAt }, facts, options.started);
    for (const action of out.actions) if (action.type === 'send') this.noteSend(claim, action.at);
    const switched = out.actions.find((action) => action.type === 'switch');
    if (switched?.type === 'switch') await this.switchStrategy(run, change, switched.strategyKey, switched.at);
    return change;
  }

  /** A `switch` reaction: the run starts again on the newest version of the named strategy, in the same change. */
  async switchStrategy(run: RunRow, change: RunChange, key: string, at: string): Promise<void> {
    const next = await this.ctx.strategies.latest(this.uow.tx, this.uow.tenant.id, key);
    if (!next) return;
    this.#documents.set(`${next.key}@${next.version}`, next.document);
    const restarted: RunRow = { ...run, strategyKey: next.key, strategyVersion: next.version, position: startPosition(next.document, new Date(at)), state: 'RUNNING' };
    const second = await this.advance(restarted, { started: true });
    this.changes.pop();
    change.run = second.run;
    change.log.push(...second.log);
    change.actions.push(...second.actions);
    change.started = true;
  }

  /** What a message step may still fall back to once `chosen` (the channel the interpreter picked) fails. */
  async remainingFallbacks(run: RunWrite, stepId: string, chosen: string): Promise<string[]> {
    const document = await this.document(run.strategyKey, run.strategyVersion);
    const step = document?.steps.find((candidate) => candidate.id === stepId);
    return step?.type === 'message' ? fallbacksAfter(step, chosen) : [];
  }

  noteSend(claim: ClaimSnapshot, at: string): void {
    const key = debtorKeyOf(record(claim));
    const list = this.sends.get(key) ?? [];
    list.push(at);
    this.sends.set(key, list);
  }

  /** Records a run's new position with its log and actions; the change is written by `save`. */
  record(run: RunRow, result: { position: RunPosition; log: RunLogEntry[]; actions: TimedAction[]; dueAt?: string | null }, facts?: ClaimFacts, started?: boolean): RunChange {
    const claim = this.claims.get(run.claimReference);
    const change: RunChange = {
      run: {
        claimReference: run.claimReference, runNo: run.runNo, debtorKey: claim ? debtorKeyOf(record(claim)) : run.debtorKey,
        strategyKey: run.strategyKey, strategyVersion: run.strategyVersion, position: result.position,
        dueAt: result.dueAt !== undefined ? result.dueAt : dueAt(result.position, this.context(claim)),
        startedByEvent: run.startedByEvent,
      },
      log: result.log,
      actions: result.actions,
      ...(facts ? { facts } : {}),
      ...(started ? { started } : {}),
    };
    this.changes.push(change);
    return change;
  }

  /**
   * Writes every recorded change in one round trip: the runs, their log rows, their messages (rendered in memory)
   * with their mail jobs, and the events of both.
   */
  async save(extra: { stopDescriptions?: Map<string, string | null> } = {}): Promise<void> {
    if (this.changes.length === 0) return;
    const { uow } = this;
    const logRows: RunEventRow[] = [];
    const events: NewEvent[] = [];
    for (const change of this.changes) {
      const description = extra.stopDescriptions?.get(change.run.claimReference);
      if (description !== undefined) change.run.stopDescription = description;
      logRows.push(...logRowsOf(change));
      events.push(...runEvents(change.run, change.log, change.actions, change.started === true, change.facts ?? null));
    }
    const messages = await this.prepareMessages();
    if (messages) {
      logRows.push(...messages.failedRows);
      events.push(...messages.prepared.events);
    }
    const writes: FastWrite[] = [
      runsWrite(uow.tenant.id, uow.now, this.changes.map((change) => change.run)), runEventsWrite(uow.tenant.id, uow.now, logRows),
      ...(messages?.prepared.writes ?? []), ...await dispatchAwareEventsWrites(uow.tx, uow, events),
    ];
    await fastWriteAll(uow.tx, writes);
  }

  /** Every send action's message, through the communications function; a message that cannot go out is logged on its run. */
  async prepareMessages(): Promise<{ prepared: PreparedMessages; failedRows: RunEventRow[] } | undefined> {
    const send = this.ctx.sendMessage;
    if (!send) return undefined;
    const requests: MessageRequest[] = [];
    for (const change of this.changes) {
      for (const action of change.actions) {
        if (action.type !== 'send') continue;
        requests.push({
          claimReference: change.run.claimReference, runNo: change.run.runNo, stepId: action.stepId, channel: action.channel,
          fallbacks: await this.remainingFallbacks(change.run, action.stepId, action.channel), template: action.template, at: action.at,
        });
      }
    }
    if (requests.length === 0) return undefined;
    const known = new Map<string, ClaimForMessaging>();
    for (const [reference, claim] of this.claims) if (claim.messaging) known.set(reference, claim.messaging);
    const prepared = await send(this.uow, requests, known);
    const failedRows = requests.flatMap((request, index) => {
      const reason = prepared.failures[index];
      return reason === undefined ? [] : [{
        claimReference: request.claimReference, runNo: request.runNo, at: request.at, kind: 'send-failed', stepId: request.stepId, reason, action: null, debtorKey: null,
      }];
    });
    return { prepared, failedRows };
  }
}

/** The step's channels (its own, then its fallbacks) after `chosen`, without it. */
export function fallbacksAfter(step: { channel: string; fallbacks?: readonly string[] }, chosen: string): string[] {
  const channels = [step.channel, ...(step.fallbacks ?? [])];
  const index = channels.indexOf(chosen);
  return channels.slice(index + 1).filter((channel) => channel !== chosen);
}

function stopped(position: RunPosition, now: Date, reason: string, prior: RunLogEntry[]) {
  const result = stop(position, now, reason);
  return { position: result.position, log: [...prior, ...result.log], actions: result.actions };
}

/** A servicing claim as the facts mapping reads it. */
export function record(claim: ClaimSnapshot): ClaimRecord {
  return {
    claimReference: claim.claimReference, accountReference: claim.accountReference, currency: claim.currency, amount: claim.amount,
    totalFees: claim.totalFees, currentDueDate: claim.currentDueDate, debtor: claim.debtor as Record<string, unknown> | null,
    meta: (claim.meta ?? {}) as Record<string, unknown>, scores: claim.scores as Record<string, unknown>[],
  };
}

export function factsOf(claim: ClaimSnapshot, incoming?: Incoming): ClaimFacts {
  const facts = claimFactsOf(record(claim));
  if (claim.status === 'RESOLVED') facts.outstanding = 0;
  return incoming?.kind === 'trigger' ? { ...facts, trigger: { name: incoming.name, context: incoming.context ?? {} } } : facts;
}

function logRowsOf(change: RunChange): RunEventRow[] {
  // Built field by field: spreads of these varied shapes took a sweep's engine several percent (CPU profile).
  const { claimReference, runNo, debtorKey } = change.run;
  const rows: RunEventRow[] = [];
  for (const entry of change.log) {
    rows.push({ claimReference, runNo, at: entry.at, kind: entry.kind, stepId: entry.stepId, reason: entry.reason, action: null, debtorKey: null });
  }
  for (const action of change.actions) {
    rows.push({
      claimReference, runNo, at: action.at, kind: action.type, stepId: 'stepId' in action ? action.stepId : null, reason: null,
      action: actionDetails(action), debtorKey: action.type === 'send' ? debtorKey : null,
    });
  }
  return rows;
}

/** An action's details as its log row keeps them: everything but its time and type. */
function actionDetails(action: TimedAction): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(action)) if (key !== 'at' && key !== 'type') details[key] = value;
  return details;
}
