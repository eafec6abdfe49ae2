import type { Platform } from '../../../platform/services.js';
import type { Executor } from '../../../platform/db/database.js';
import { getClaimForMessaging, readAccountClaimBalances, readClaimBalances, type ClaimBalance } from '../../../servicing/api.js';
import type { SecondFactorFacts } from '../../landing/second-factor.js';
import { withVerifiedSession } from './landing-link.js';
import { accountCommitments, openDisputesOf, type LandingDisputeRow, type LandingLinkRow } from '../../landing/store.js';

/** What the page shows of the link's account: the debtor and every claim of the account (the link's claim alone when it has no account). */
export interface LandingAccount {
  claimReference: string;
  accountReference: string | null;
  /** The wire Debtor of the link's claim, as stored. */
  debtor: Record<string, unknown> | null;
  paymentReference: string | null;
  claims: ClaimBalance[];
}

/** The account behind a link, or undefined when its claim no longer exists. */
export async function readLandingAccount(db: Executor, link: LandingLinkRow): Promise<LandingAccount | undefined> {
  const claim = await getClaimForMessaging(db, link.tenantId, link.claimReference);
  if (!claim) return undefined;
  const claims = claim.accountReference === null
    ? [...(await readClaimBalances(db, link.tenantId, [claim.claimReference])).values()]
    : await readAccountClaimBalances(db, link.tenantId, claim.accountReference, { all: true });
  return {
    claimReference: claim.claimReference, accountReference: claim.accountReference, debtor: claim.debtor,
    paymentReference: claim.paymentReference, claims,
  };
}

/** The facts a visitor may answer with: any claim reference of the account as its invoice number, or the debtor's postcode. */
export function secondFactorFacts(account: LandingAccount): SecondFactorFacts {
  const contact = account.debtor?.contactInformation as Record<string, unknown> | undefined;
  const postcode = contact?.postalCode;
  return {
    invoiceNumbers: account.claims.map((claim) => claim.claimReference),
    postcode: typeof postcode === 'string' || typeof postcode === 'number' ? String(postcode) : null,
  };
}

/** What the debtor arranged on the account: open promises, ACTIVE instalment plans, open disputes. */
export interface LandingArrangements {
  promises: { claimReference: string; amount: number; currency: string; dueDate: string }[];
  plans: { id: string; currency: string; totalAmount: number; instalments: number }[];
  disputes: LandingDisputeRow[];
}

export async function readArrangements(db: Executor, tenantId: string, account: LandingAccount): Promise<LandingArrangements> {
  const claimReferences = account.claims.map((claim) => claim.claimReference);
  const disputes = await openDisputesOf(db, tenantId, claimReferences);
  if (account.accountReference === null) return { promises: [], plans: [], disputes };
  const { promises, plans } = await accountCommitments(db, tenantId, account.accountReference, claimReferences);
  return {
    promises, disputes,
    plans: plans.map(({ id, plan }) => ({
      id, currency: String(plan.currency ?? ''), totalAmount: Number(plan.totalAmount ?? 0), instalments: Array.isArray(plan.instalments) ? plan.instalments.length : 0,
    })),
  };
}

/** The account behind a link for a visitor holding a live session (the action pages' GETs); null otherwise. */
export async function readVerifiedAccount(
  platform: Platform, token: string, sessionValue: string | undefined,
): Promise<{ account: LandingAccount; arrangements: LandingArrangements; now: Date } | null> {
  const found = await withVerifiedSession(platform, token, sessionValue, async (uow, link) => {
    const account = await readLandingAccount(uow.tx, link);
    return account ? { account, arrangements: await readArrangements(uow.tx, uow.tenant.id, account), now: uow.now } : undefined;
  });
  return found ?? null;
}
