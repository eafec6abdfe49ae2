// Collections escalating a claim to the insurer (`collections.claim.escalated`, `to: insurer`) opens or updates the
// non-payment case through a platform event reaction (at least once; idempotent by the case's state and its
// customer reference: use-cases/join/escalated-claim-case.ts).
import { CLAIM_ESCALATED } from '../../collections/api.js';
import type { EventReaction, StoredEvent } from '../../platform/events/reactions.js';
import type { Platform } from '../../platform/services.js';
import type { CasesContext } from '../context.js';
import { caseForEscalation } from '../use-cases/join/escalated-claim-case.js';
import { caseIdOfClaimReference } from './collections.js';
import { inTenant } from './in-tenant.js';

export function escalationReactions(platform: Platform, ctx: CasesContext): EventReaction[] {
  return [{ name: 'cases-escalated-to-insurer', eventTypes: [CLAIM_ESCALATED], handle: (event) => onEscalation(platform, ctx, event) }];
}

async function onEscalation(platform: Platform, ctx: CasesContext, event: StoredEvent): Promise<void> {
  if (event.data.to !== 'insurer') return;
  const claimReference = String(event.data.claimReference ?? event.entityId);
  await inTenant(platform, event.tenantId, async (uow) => {
    const outcome = await caseForEscalation(uow, ctx, {
      claimReference, caseId: caseIdOfClaimReference(claimReference),
      strategyKey: String(event.data.strategyKey ?? ''), stepId: String(event.data.stepId ?? ''),
    });
    if (outcome.outcome === 'not_opened') platform.logger.warn({ claimReference, eventId: event.id, refusal: outcome.reason }, 'escalation to the insurer: no case opened');
  });
}
