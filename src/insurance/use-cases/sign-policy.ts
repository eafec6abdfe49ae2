import { clockFor, type Platform } from '../../platform/services.js';
import type { Tenant } from '../../platform/tenants/tenant.js';
import { systemActor, unitOfWork } from '../../platform/unit-of-work.js';
import type { InsuranceContext } from '../context.js';
import { fail } from '../domain/errors.js';
import { transition } from '../domain/quote-state.js';
import { currentPolicy } from '../policy.js';
import { applyDueTimers, changeStatus, stateOf, transitionContextOf } from '../quote-status.js';
import { type QuoteRow, lockQuote, recordPolicySignature } from '../store.js';

export interface Signature {
  readonly name: string;
  readonly email: string;
  readonly ip: string | null;
}

/** The seller signs the current policy on the sign page: the signature is recorded and activation.pending → cover.activated. */
export async function signPolicy(platform: Platform, tenant: Tenant, quoteId: string, signature: Signature, ctx: InsuranceContext): Promise<QuoteRow> {
  const clock = clockFor(platform, tenant);
  const now = clock.now();
  return platform.db.transaction(async (tx) => {
    const uow = unitOfWork({ tx, tenant, clock, now, actor: systemActor(`sign-page:${signature.email}`) });
    const locked = await lockQuote(tx, tenant.id, quoteId);
    if (!locked) fail({ kind: 'not_found' });
    const row = await applyDueTimers(uow, locked, ctx);
    const next = transition(stateOf(row), 'policy_signed', transitionContextOf(row, now, ctx));
    if (!next.ok) fail({ kind: 'not_signable', status: row.status });
    const policy = currentPolicy();
    await recordPolicySignature(tx, {
      tenantId: tenant.id, sellerCountry: row.sellerCountry, sellerIdentifier: row.sellerIdentifier,
      policyVersion: policy.version, quoteId: row.id, name: signature.name, email: signature.email, ip: signature.ip, signedAt: now,
    });
    return changeStatus(uow, row, next.value, 'policy_signed', {}, ctx, { policyVersion: policy.version, signer: signature });
  });
}
