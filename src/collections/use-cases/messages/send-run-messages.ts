import type { NewEvent } from '../../../platform/events/append.js';
import type { FastWrite } from '../../../platform/db/fast-query.js';
import { mailJobsWrite, mailRowsWrite, type QueuedMailRow } from '../../../platform/mail/outbox.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { claimsForMessaging, type ClaimForMessaging } from '../../../servicing/api.js';
import type { MessagingContext } from '../../communications/context.js';
import { pickLanguage, type Language } from '../../communications/language.js';
import { latestTemplateVersions, messageRowsWrite, stepSlot, takenStepSlots, templateKey, type NewMessageRow } from '../../communications/store.js';
import { isTemplateId, SHIPPED_VERSION, shippedContent, TEMPLATE_IDS, type TemplateId } from '../../communications/templates/catalogue.js';
import type { TemplateContent } from '../../communications/templates/content.js';
import type { MessageData } from '../../communications/values.js';
import type { Channel } from '../../domain/strategy/document.js';
import { landingLinkRowsWrite } from '../../landing/store.js';
import { planMessageLandingLinks } from '../landing/message-landing-links.js';
import { composeMessage, failedEvent, planDelivery, sentEvent } from './deliver.js';

/*
 * The messages of a batch of run steps, as sendClaimMessage sends one (render in the debtor's language from the
 * tenant's latest template version, take the fallback channels, store it, an e-mail with its .eml in the outbox and
 * its mail job), but set-based: the claims, the template versions, the taken (run, step) slots and the claims' open
 * landing-page links are read once for the batch (the claims without one get theirs in one more write), every message is rendered in memory (templates compiled once, render.ts), and the rows come back as
 * writes for the caller to send with its own (one round trip), the mail jobs among them.
 */

export interface RunMessageRequest {
  claimReference: string;
  runNo: number;
  stepId: string;
  /** When the step sent it: a step executes once at a given time, so (run, step@at) is the message's slot. */
  at: string;
  channel: string;
  fallbacks: readonly string[];
  template: string;
}

export interface PreparedMessages {
  /** Per request: why it could not be sent (for the run log), or undefined once stored (or stored before). */
  failures: (string | undefined)[];
  writes: FastWrite[];
  events: NewEvent[];
}

interface Prepared {
  message?: NewMessageRow;
  mail?: QueuedMailRow;
  event?: NewEvent;
  failure?: string;
}

/** `known`: the claims as the caller read them already (a run step reads its claims once); the others are read here. */
export async function prepareRunMessages(
  uow: UnitOfWork, ctx: MessagingContext, requests: readonly RunMessageRequest[], known?: ReadonlyMap<string, ClaimForMessaging>,
): Promise<PreparedMessages> {
  const tenantId = uow.tenant.id;
  const slots = requests.map((request) => ({ runId: `${request.claimReference}#${request.runNo}`, stepId: `${request.stepId}@${request.at}` }));
  const taken = await takenStepSlots(uow.tx, tenantId, slots);
  const claims = await claimsOf(uow, requests, known);
  const languages = new Map([...claims].map(([reference, claim]) => [reference, pickLanguage(undefined, claim.debtor)]));
  const own = await latestTemplateVersions(uow.tx, tenantId, requests.map((request) => request.template).filter(isTemplateId), [...new Set(languages.values())]);
  const template = (id: TemplateId, language: Language) => {
    const stored = own.get(templateKey(id, language));
    return stored ? { version: stored.version, content: stored.content as unknown as TemplateContent } : { version: SHIPPED_VERSION, content: shippedContent(id, language) };
  };
  const fresh = requests.map((_, index) => {
    const slot = slots[index]!;
    const key = stepSlot(slot.runId, slot.stepId);
    if (taken.has(key)) return false;
    taken.add(key);
    return true;
  });
  const sending = [...new Set(requests.filter((request, index) => fresh[index] && isTemplateId(request.template)).map((request) => request.claimReference))];
  const links = await planMessageLandingLinks(uow, ctx.publicBaseUrl, sending.flatMap((reference) => claims.get(reference) ?? []));
  const landingUrls = links.urls;
  const prepared: Prepared[] = [];
  for (const [index, request] of requests.entries()) {
    const landingPageUrl = landingUrls.get(request.claimReference);
    prepared.push(fresh[index]
      ? await prepareOne(uow, ctx, request, slots[index]!, claims.get(request.claimReference), languages, template, landingPageUrl === undefined ? {} : { landingPageUrl })
      : {});
  }
  const messages = prepared.flatMap((one) => (one.message ? [one.message] : []));
  const mails = prepared.flatMap((one) => (one.mail ? [one.mail] : []));
  return {
    failures: prepared.map((one) => one.failure),
    writes: [
      ...(links.fresh.length > 0 ? [landingLinkRowsWrite(links.fresh)] : []),
      ...(messages.length > 0 ? [messageRowsWrite(messages)] : []),
      ...(mails.length > 0 ? [mailRowsWrite(mails), mailJobsWrite(ctx.jobs, mails.map((mail) => mail.id))] : []),
    ],
    events: prepared.flatMap((one) => (one.event ? [one.event] : [])),
  };
}

async function claimsOf(uow: UnitOfWork, requests: readonly RunMessageRequest[], known?: ReadonlyMap<string, ClaimForMessaging>): Promise<Map<string, ClaimForMessaging>> {
  const claims = new Map<string, ClaimForMessaging>();
  const unread: string[] = [];
  for (const { claimReference } of requests) {
    const claim = known?.get(claimReference);
    if (claim) claims.set(claimReference, claim);
    else unread.push(claimReference);
  }
  if (unread.length === 0) return claims;
  for (const [reference, claim] of await claimsForMessaging(uow.tx, uow.tenant.id, unread)) claims.set(reference, claim);
  return claims;
}

async function prepareOne(
  uow: UnitOfWork, ctx: MessagingContext, request: RunMessageRequest, slot: { runId: string; stepId: string }, claim: ClaimForMessaging | undefined,
  languages: Map<string, Language>, template: (id: TemplateId, language: Language) => { version: number; content: TemplateContent }, data: MessageData,
): Promise<Prepared> {
  if (!isTemplateId(request.template)) return { failure: `Unknown template ${request.template}; known: ${TEMPLATE_IDS.join(', ')}` };
  const language = languages.get(request.claimReference);
  if (!claim || !language) return { failure: `Claim ${request.claimReference} not found` };
  const delivery = {
    claim, templateId: request.template, language, channels: [...new Set([request.channel, ...request.fallbacks])] as Channel[], data,
    runId: slot.runId, stepId: slot.stepId, attempt: 0, fallbackOf: null, skipped: [],
  };
  const planned = planDelivery(uow, delivery, template(request.template, language));
  if (!planned.ok) return { failure: planned.error.message, event: failedEvent(delivery, planned.error.skipped) };
  const composed = await composeMessage(uow, ctx, planned.value);
  return { message: composed.message, ...(composed.mail ? { mail: composed.mail } : {}), event: sentEvent(composed.message, planned.value.skipped) };
}
