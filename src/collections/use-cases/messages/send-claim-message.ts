import { err, ok, type Result } from '../../../platform/result.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { getClaimForMessaging } from '../../../servicing/api.js';
import type { MessagingContext } from '../../communications/context.js';
import { pickLanguage } from '../../communications/language.js';
import { findStepMessage } from '../../communications/store.js';
import { isTemplateId, TEMPLATE_IDS } from '../../communications/templates/catalogue.js';
import type { MessageData } from '../../communications/values.js';
import type { Channel } from '../../domain/strategy/document.js';
import { messageLandingUrls } from '../landing/message-landing-links.js';
import { deliver, storedMessageOf, type NoUsableChannel, type StoredMessage } from './deliver.js';

export interface SendClaimMessageInput {
  claimReference: string;
  /** When given, the claim must belong to this account (else CLAIM_NOT_FOUND). */
  accountReference?: string;
  /** The run and step sending it: a second call for the same (runId, stepId) stores nothing and answers the first message. */
  runId?: string;
  stepId?: string;
  channel: Channel;
  /** Channels to try in order when the debtor has no address on `channel` or its delivery fails for good. */
  fallbacks?: readonly Channel[];
  /** `reminder-friendly`, `reminder-second`, `final-notice` or `escalation-notice`. */
  templateId: string;
  /** Overrides the debtor's language (en, de, sv, nl; anything else falls back as for a debtor). */
  language?: string;
  /** Without a landingPageUrl, the message carries the claim's open message link (or a new one), as a run's would. */
  data?: MessageData;
}

export type SendClaimMessageError =
  | { code: 'CLAIM_NOT_FOUND'; message: string }
  | { code: 'UNKNOWN_TEMPLATE'; message: string }
  | NoUsableChannel;

/**
 * Renders a claim's message in the debtor's language from the tenant's latest version of the template, stores it as
 * an `.eml`, queues an e-mail for SMTP, and takes the fallback channels when the debtor cannot be reached on the
 * first. Runs in the caller's unit of work (the run's step): the message, its outbox row and its `message.sent`
 * event commit with the step or not at all. When no channel can reach the debtor it appends `message.failed` and
 * answers NO_USABLE_CHANNEL.
 */
export async function sendClaimMessage(uow: UnitOfWork, ctx: MessagingContext, input: SendClaimMessageInput): Promise<Result<StoredMessage, SendClaimMessageError>> {
  const runId = input.runId ?? null;
  const stepId = input.stepId ?? null;
  if (runId !== null && stepId !== null) {
    const earlier = await findStepMessage(uow.tx, uow.tenant.id, runId, stepId);
    if (earlier) return ok(storedMessageOf(earlier, false));
  }
  if (!isTemplateId(input.templateId)) {
    return err({ code: 'UNKNOWN_TEMPLATE', message: `Unknown template ${input.templateId}; known: ${TEMPLATE_IDS.join(', ')}` });
  }
  const claim = await getClaimForMessaging(uow.tx, uow.tenant.id, input.claimReference);
  if (!claim || (input.accountReference !== undefined && claim.accountReference !== input.accountReference)) {
    return err({ code: 'CLAIM_NOT_FOUND', message: `Claim ${input.claimReference} not found` });
  }
  const channels = [...new Set([input.channel, ...(input.fallbacks ?? [])])];
  const data = input.data?.landingPageUrl !== undefined ? input.data
    : { ...input.data, landingPageUrl: (await messageLandingUrls(uow, ctx.publicBaseUrl, [claim])).get(claim.claimReference)! };
  return deliver(uow, ctx, {
    claim, templateId: input.templateId, language: pickLanguage(input.language, claim.debtor), channels, data,
    runId: runId !== null && stepId !== null ? runId : null, stepId: runId !== null && stepId !== null ? stepId : null,
    attempt: 0, fallbackOf: null, skipped: [],
  });
}
