import type { Executor } from '../../platform/db/database.js';
import { readClaimBalances } from '../../servicing/api.js';
import { isKept } from '../domain/promises/promise.js';
import { latestPlansOfClaims, type PlanRow } from '../store/instalment-plans.js';
import { latestPromises, type PromiseRow } from '../store/promises.js';
import { openDisputesOf } from '../landing/store.js';

/*
 * The facts of a claim's debtor commitments that the journey engine's guards read (ClaimFacts in
 * domain/strategy/document.ts): the latest promise's state (an open promise already paid reads `kept` at once,
 * before its sweep), the standing of the claim's latest instalment plan, and whether a dispute the debtor opened on the landing page is open. Read for a
 * whole batch of claims in four queries at most (the runs sweep evaluates hundreds at a time).
 */

export interface DebtorCommitmentFacts {
  promise: 'none' | 'open' | 'kept' | 'broken';
  instalmentPlan: 'none' | 'in_good_standing' | 'missed' | 'broken';
  disputeOpen: boolean;
}

function planFact(latest: PlanRow | undefined): DebtorCommitmentFacts['instalmentPlan'] {
  if (!latest) return 'none';
  if (latest.standing === 'broken') return 'broken';
  // A plan that ended otherwise (resolved, cancelled by the client) no longer holds the journey.
  if (latest.status !== 'ACTIVE') return 'none';
  return latest.standing;
}

function promiseFact(promise: PromiseRow | undefined, balance: Parameters<typeof isKept>[1]): DebtorCommitmentFacts['promise'] {
  if (!promise) return 'none';
  if (promise.status !== 'open') return promise.status === 'kept' ? 'kept' : 'broken';
  return isKept(promise, balance) ? 'kept' : 'open';
}

/** The commitment facts of each of these claims. */
export async function debtorCommitmentFactsOf(db: Executor, tenantId: string, claimReferences: readonly string[]): Promise<Map<string, DebtorCommitmentFacts>> {
  const promises = await latestPromises(db, tenantId, claimReferences);
  const plans = await latestPlansOfClaims(db, tenantId, claimReferences);
  const open = [...promises.values()].filter((promise) => promise.status === 'open').map((promise) => promise.claimReference);
  const balances = open.length > 0 ? await readClaimBalances(db, tenantId, open) : new Map<string, never>();
  const disputed = new Set((await openDisputesOf(db, tenantId, claimReferences)).map((dispute) => dispute.claimReference));
  const facts = new Map<string, DebtorCommitmentFacts>();
  for (const reference of claimReferences) {
    facts.set(reference, {
      promise: promiseFact(promises.get(reference), balances.get(reference)),
      instalmentPlan: planFact(plans.get(reference)),
      disputeOpen: disputed.has(reference),
    });
  }
  return facts;
}

export async function debtorCommitmentFacts(db: Executor, tenantId: string, claimReference: string): Promise<DebtorCommitmentFacts> {
  return (await debtorCommitmentFactsOf(db, tenantId, [claimReference])).get(claimReference)!;
}
