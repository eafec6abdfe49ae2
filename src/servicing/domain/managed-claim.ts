import type { ManagedClaim } from './claim-derivation.js';
import { compact, type Json } from './primitives.js';

/** Stored document of a managed claim: the ledger-derived fields. */
export interface ManagedClaimData {
  amount: number;
  totalFees: number;
  fees: { name: string; amount: number }[];
  originalDueDate: string;
  currentDueDate: string;
  productReference?: string;
  paymentReference?: string;
  meta: Json;
  externalDebtorReference?: string;
  /** The invoice's ledgerEntryReference, stored only where the claim's reference is the account-qualified one. */
  ledgerEntryReference?: string;
}

/**
 * The reference of a managed claim whose invoice reference another claim of the client already holds: unique per
 * client because account references are (see the servicing guide's decisions).
 */
export function accountQualifiedClaimReference(accountReference: string, ledgerEntryReference: string): string {
  return `${accountReference}:${ledgerEntryReference}`;
}

/** The managed claim's primaryDebtor: the account debtor named by the invoice, else the first account debtor (§4.2). */
export function managedPrimaryDebtor(debtors: readonly Json[], externalDebtorReference: string | undefined): Json | undefined {
  return debtors.find((debtor) => externalDebtorReference !== undefined && debtor.debtorReference === externalDebtorReference) ?? debtors[0];
}

/** The document stored for a claim derived from the ledger. */
export function managedClaimData(claim: ManagedClaim): ManagedClaimData {
  return compact({
    amount: claim.amount,
    totalFees: claim.totalFees,
    fees: claim.fees.map((fee) => ({ name: fee.name, amount: fee.amount })),
    originalDueDate: claim.originalDueDate,
    currentDueDate: claim.currentDueDate,
    productReference: claim.productReference,
    paymentReference: claim.paymentReference,
    meta: { ...claim.meta },
    externalDebtorReference: claim.externalDebtorReference,
  }) as ManagedClaimData;
}

/** JSON with object keys sorted: jsonb does not keep key order, so stored and derived documents compare this way. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, field]) => field !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
