import type { EventReaction, StoredEvent } from '../platform/events/reactions.js';
import { clockFor, systemUnitOfWork, type Platform } from '../platform/services.js';
import { findTenant } from '../platform/tenants/service.js';
import { systemActor, unitOfWork, type UnitOfWork } from '../platform/unit-of-work.js';
import { CLAIM_CREATED, CLAIM_PAYMENT_PROCESSING } from '../servicing/api.js';
import { reactToClaimPayment } from './use-cases/react-to-claim-payment.js';
import type { RunsContext } from './use-cases/runs/run-workspace.js';
import { startRun } from './use-cases/runs/start-run.js';
import { endPaidRuns } from './use-cases/runs/end-paid-runs.js';
import { resumeOnBrokenCommitment } from './use-cases/runs/resume-on-broken-commitment.js';
import { INSTALMENT_PLAN_BROKEN, PROMISE_BROKEN } from './events.js';

/**
 * Collections' reactions to servicing's events: a payment on a claim (`event.claimDebtPayment.processing.v1`, whose
 * entity is the claim reference) settles a promise it keeps and updates the claim's instalment plans. Payments
 * without that event (no provider or tracking id) are caught by the deadline sweeps, which read the balance.
 */
export function collectionsReactions(platform: Platform): EventReaction[] {
  return [{
    name: 'collections-claim-payment',
    eventTypes: [CLAIM_PAYMENT_PROCESSING],
    async handle(event) {
      await platform.db.transaction(async (tx) => {
        const tenant = await findTenant(tx, event.tenantId);
        if (!tenant) return;
        const uow = systemUnitOfWork(tx, tenant, platform.clock.now(), 'collections-payments');
        await reactToClaimPayment(uow, { timeZone: platform.config.BUSINESS_TIME_ZONE }, event.entityId);
      });
    },
  }];
}

/**
 * Runs start when servicing announces a claim becoming ACTIVE (created by create_claims, import_claims or an invoice
 * ledger entry, or recreated by recreate_claims: then from step 1 again). At least once: startRun ignores an event
 * it has already handled.
 */
export function runReactions(platform: Platform, ctx: RunsContext): EventReaction[] {
  return [{
    name: 'collections-start-runs',
    eventTypes: [CLAIM_CREATED],
    handle: (event) => startRunOn(platform, ctx, event),
  }, {
    name: 'collections-end-paid-runs',
    eventTypes: [CLAIM_PAYMENT_PROCESSING],
    handle: (event) => inRunsUnit(platform, event, (uow) => endPaidRuns(uow, ctx, [event.entityId])),
  }, {
    name: 'collections-resume-on-broken-commitment',
    eventTypes: [PROMISE_BROKEN, INSTALMENT_PLAN_BROKEN],
    handle: (event) => resumeRunsOn(platform, ctx, event),
  }];
}

/** The claims a broken promise (`claimReference`) or instalment plan (`claimReferences`) is about. */
function claimsOf(event: StoredEvent): string[] {
  const { claimReference, claimReferences } = event.data;
  if (Array.isArray(claimReferences)) return claimReferences.filter((ref): ref is string => typeof ref === 'string');
  return typeof claimReference === 'string' ? [claimReference] : [];
}

async function resumeRunsOn(platform: Platform, ctx: RunsContext, event: StoredEvent): Promise<void> {
  const claimReferences = claimsOf(event);
  if (claimReferences.length === 0) return;
  await inRunsUnit(platform, event, (uow) => resumeOnBrokenCommitment(uow, ctx, { eventId: event.id, type: event.type, claimReferences }));
}

/** One unit of work on the event's tenant, on its clock (the sandbox clock for sandbox tenants). */
async function inRunsUnit(platform: Platform, event: StoredEvent, work: (uow: UnitOfWork) => Promise<void>): Promise<void> {
  const tenant = await findTenant(platform.db, event.tenantId);
  if (!tenant) return;
  const clock = clockFor(platform, tenant);
  await platform.db.transaction((tx) => work(unitOfWork({ tx, tenant, clock, actor: systemActor('collections-runs') })));
}

async function startRunOn(platform: Platform, ctx: RunsContext, event: StoredEvent): Promise<void> {
  const tenant = await findTenant(platform.db, event.tenantId);
  if (!tenant) return;
  const clock = clockFor(platform, tenant);
  await platform.db.transaction(async (tx) => {
    const uow = unitOfWork({ tx, tenant, clock, actor: systemActor('collections-runs') });
    await startRun(uow, ctx, { eventId: event.id, claimReference: event.entityId, occurredAt: event.occurredAt });
  });
}
