import type { Executor } from '../../platform/db/database.js';
import { fastRows, type FastStatement } from '../../platform/db/fast-query.js';
import { managedPrimaryDebtor } from '../domain/managed-claim.js';
import type { Json } from '../domain/primitives.js';
import type { ClaimForMessaging } from '../domain/claim-for-messaging.js';

/**
 * What another module may read of a servicing claim (through api.ts): its status, balance, due date, debtor and
 * meta, for many claims in one statement (the collections engine reads the facts of a sweep batch this way).
 */
export interface ClaimSnapshot {
  claimReference: string;
  status: 'ACTIVE' | 'RESOLVED';
  resolutionReason: string | null;
  accountReference: string | null;
  currency: string;
  /** Principal still owed, in minor units. */
  amount: number;
  totalFees: number;
  currentDueDate: string;
  /** The claim's primary debtor (a managed claim: the account debtor its invoice names, else the first). */
  debtor: Json | null;
  meta: Json;
  /** The account's scores, as stored. */
  scores: Json[];
  /** What a message to the debtor needs (getClaimForMessaging's answer, from the same row); absent for a managed claim without its account. */
  messaging?: ClaimForMessaging;
}

const SNAPSHOTS: FastStatement = {
  name: 'servicing_claim_snapshots',
  text: `SELECT c.claim_reference, c.status, c.resolution_reason, c.account_reference, c.managed, c.data,
      a.currency AS account_currency, a.payment_reference AS account_payment_reference, a.debtors, a.scores
    FROM servicing_claims c
    LEFT JOIN servicing_accounts a ON a.tenant_id = c.tenant_id AND a.account_reference = c.account_reference
    WHERE c.tenant_id = $1 AND c.claim_reference = ANY($2::text[])`,
};

interface SnapshotRow {
  claim_reference: string;
  status: 'ACTIVE' | 'RESOLVED';
  resolution_reason: string | null;
  account_reference: string | null;
  managed: boolean;
  data: Record<string, unknown>;
  account_currency: string | null;
  account_payment_reference: string | null;
  debtors: Json[] | null;
  scores: Json[] | null;
}

export async function claimSnapshots(db: Executor, tenantId: string, claimReferences: readonly string[]): Promise<Map<string, ClaimSnapshot>> {
  if (claimReferences.length === 0) return new Map();
  const rows = await fastRows<SnapshotRow>(db, SNAPSHOTS, [tenantId, [...new Set(claimReferences)]]);
  return new Map(rows.map((row) => [row.claim_reference, snapshotOf(row)]));
}

function snapshotOf(row: SnapshotRow): ClaimSnapshot {
  const data = row.data;
  const debtor = row.managed
    ? managedPrimaryDebtor(row.debtors ?? [], data.externalDebtorReference as string | undefined) ?? null
    : (data.primaryDebtor as Json | undefined) ?? null;
  return {
    claimReference: row.claim_reference,
    status: row.status,
    resolutionReason: row.resolution_reason,
    accountReference: row.account_reference,
    currency: (data.currency as string | undefined) ?? row.account_currency ?? '',
    amount: Number(data.amount ?? 0),
    totalFees: Number(data.totalFees ?? 0),
    currentDueDate: String(data.currentDueDate ?? ''),
    debtor,
    meta: (data.meta as Json | undefined) ?? {},
    scores: row.scores ?? [],
    ...messagingOf(row, debtor),
  };
}

function messagingOf(row: SnapshotRow, debtor: Json | null): { messaging?: ClaimForMessaging } {
  const data = row.data;
  // A ledger-managed claim always has its account (its currency and debtors live there).
  if (row.managed && row.account_currency === null) return {};
  return {
    messaging: {
      claimReference: row.claim_reference, accountReference: row.account_reference, status: row.status,
      amountDue: Number(data.amount ?? 0) + Number(data.totalFees ?? 0),
      currency: row.managed ? row.account_currency ?? '' : String(data.currency ?? ''),
      dueDate: String(data.currentDueDate ?? ''),
      paymentReference: (data.paymentReference as string | undefined) ?? (row.managed ? row.account_payment_reference : null) ?? null,
      debtor: (debtor as Record<string, unknown> | null) ?? null,
    },
  };
}
