import { randomUUID } from 'node:crypto';
import { appendEvents, type NewEvent } from '../../../platform/events/append.js';
import { composeQueuedMail, enqueueMailJobs, type QueuedMailRow } from '../../../platform/mail/outbox.js';
import { mailMessages } from '../../../platform/db/schema.js';
import { err, ok, type Result } from '../../../platform/result.js';
import type { UnitOfWork, WriteOrigin } from '../../../platform/unit-of-work.js';
import type { ClaimForMessaging } from '../../../servicing/api.js';
import { MESSAGE_MAIL_KIND, MESSAGE_RELATED_TYPE, type MessagingContext } from '../../communications/context.js';
import { composeLetterEml, composeSmsEml } from '../../communications/eml.js';
import { MESSAGE_FAILED, MESSAGE_SENT } from '../../communications/events.js';
import { formatDate } from '../../communications/format.js';
import type { Language } from '../../communications/language.js';
import { renderLetterPdf } from '../../communications/letter-pdf.js';
import { addressFor } from '../../communications/recipient.js';
import { renderChannel, type RenderedMessage } from '../../communications/render.js';
import { latestTemplateVersion } from '../../communications/store.js';
import { findStepMessage, insertMessage, type MessageRow, type NewMessageRow } from '../../communications/store.js';
import { SHIPPED_VERSION, shippedContent, type TemplateId } from '../../communications/templates/catalogue.js';
import type { TemplateContent } from '../../communications/templates/content.js';
import { templateValues, type MessageData } from '../../communications/values.js';
import type { Channel } from '../../domain/strategy/document.js';

/*
 * The part of sending shared by a new message and by the fallback after a delivery failure: try the channels in
 * order, passing over one the debtor has no address for (or whose text does not fit, an SMS over two segments), and
 * store (and, for e-mail, queue) the message on the first that works. Every pass-over is recorded on the message and
 * in its event.
 */

export interface SkippedChannel {
  channel: Channel;
  reason: 'no_address' | 'sms_too_long' | 'undeliverable';
}

export interface Delivery {
  claim: ClaimForMessaging;
  templateId: TemplateId;
  language: Language;
  channels: readonly Channel[];
  data: MessageData;
  runId: string | null;
  stepId: string | null;
  attempt: number;
  fallbackOf: string | null;
  /** Pass-overs already recorded (the failed channel of a fallback). */
  skipped: SkippedChannel[];
}

export interface StoredMessage {
  messageId: string;
  channelUsed: Channel;
  language: Language;
  templateVersion: number;
  skipped: SkippedChannel[];
  /** False when a message of the same (run, step) was already stored (a retried step): nothing new was written. */
  created: boolean;
}

export interface NoUsableChannel {
  code: 'NO_USABLE_CHANNEL';
  message: string;
  skipped: SkippedChannel[];
}

/** The tenant's latest version of the template in the language, else the shipped version 1. */
export async function currentTemplate(uow: UnitOfWork, templateId: TemplateId, language: Language): Promise<{ version: number; content: TemplateContent }> {
  const own = await latestTemplateVersion(uow.tx, uow.tenant.id, templateId, language);
  return own ? { version: own.version, content: own.content as unknown as TemplateContent } : { version: SHIPPED_VERSION, content: shippedContent(templateId, language) };
}

/** A message ready to be written: its row (id, channel, recipient, …), its rendered text and the channels passed over. */
export interface PlannedMessage {
  row: NewMessageRow & { id: string; recipient: string };
  rendered: RenderedMessage;
  skipped: SkippedChannel[];
}

type Origin = Pick<WriteOrigin, 'tenant' | 'now'>;

/** The message on the first of the delivery's channels that can carry it (pure: nothing is written). */
export function planDelivery(origin: Origin, delivery: Delivery, template: { version: number; content: TemplateContent }): Result<PlannedMessage, NoUsableChannel> {
  const values = templateValues(delivery.claim, delivery.language, origin.tenant.name, delivery.data);
  const skipped = [...delivery.skipped];
  for (const [index, channel] of delivery.channels.entries()) {
    const recipient = addressFor(channel, delivery.claim.debtor);
    if (recipient === undefined) {
      skipped.push({ channel, reason: 'no_address' });
      continue;
    }
    const rendered = renderChannel(template.content, channel, values, delivery.language);
    if (!rendered.ok) {
      skipped.push({ channel, reason: 'sms_too_long' });
      continue;
    }
    const row = {
      tenantId: origin.tenant.id, id: randomUUID(), claimReference: delivery.claim.claimReference, accountReference: delivery.claim.accountReference,
      runId: delivery.runId, stepId: delivery.stepId, attempt: delivery.attempt, channel, templateId: delivery.templateId,
      templateVersion: template.version, language: delivery.language, status: channel === 'email' ? 'queued' as const : 'stored' as const, recipient,
      eml: null, mailMessageId: null, fallbacks: delivery.channels.slice(index + 1), skipped, data: { ...delivery.data }, failure: null,
      fallbackOf: delivery.fallbackOf, createdAt: origin.now,
    };
    return ok({ row, rendered: rendered.value, skipped });
  }
  return err({ code: 'NO_USABLE_CHANNEL', message: `No channel of ${delivery.channels.join(', ')} can reach the debtor`, skipped });
}

export async function deliver(uow: UnitOfWork, ctx: MessagingContext, delivery: Delivery): Promise<Result<StoredMessage, NoUsableChannel>> {
  const template = await currentTemplate(uow, delivery.templateId, delivery.language);
  const planned = planDelivery(uow, delivery, template);
  if (!planned.ok) {
    await appendEvents(uow, [failedEvent(delivery, planned.error.skipped)]);
    return planned;
  }
  const composed = await composeMessage(uow, ctx, planned.value);
  if (!(await insertMessage(uow.tx, composed.message))) return ok(await storedBefore(uow, delivery));
  if (composed.mail) {
    await uow.tx.insert(mailMessages).values(composed.mail);
    await enqueueMailJobs(uow.tx, ctx.jobs, [composed.mail.id]);
  }
  await appendEvents(uow, [sentEvent(composed.message, planned.value.skipped)]);
  const { row } = planned.value;
  return ok({ messageId: row.id, channelUsed: row.channel, language: delivery.language, templateVersion: template.version, skipped: planned.value.skipped, created: true });
}

/** The event of a message no channel could carry. */
export function failedEvent(delivery: Pick<Delivery, 'claim' | 'runId' | 'stepId' | 'templateId'>, skipped: SkippedChannel[]): NewEvent {
  return {
    type: MESSAGE_FAILED, entityType: 'claim', entityId: delivery.claim.claimReference,
    data: { claimReference: delivery.claim.claimReference, runId: delivery.runId, stepId: delivery.stepId, templateId: delivery.templateId, reason: 'no_usable_channel', skipped },
  };
}

/** The message a concurrent try of the same (run, step, attempt) stored first. */
async function storedBefore(uow: UnitOfWork, delivery: Delivery): Promise<StoredMessage> {
  const row = await findStepMessage(uow.tx, uow.tenant.id, delivery.runId ?? '', delivery.stepId ?? '', delivery.attempt);
  if (!row) throw new Error('a message slot was taken but its message is not visible');
  return storedMessageOf(row, false);
}

export function storedMessageOf(row: MessageRow, created: boolean): StoredMessage {
  return {
    messageId: row.id, channelUsed: row.channel, language: row.language as Language, templateVersion: row.templateVersion,
    skipped: row.skipped as SkippedChannel[], created,
  };
}

/**
 * The stored form of a planned message: an SMS or letter carries its own `.eml`; an e-mail's `.eml` is the outbox row
 * (exactly what goes over SMTP), which the message references. Nothing is written.
 */
export async function composeMessage(origin: Origin, ctx: MessagingContext, planned: PlannedMessage): Promise<{ message: NewMessageRow; mail?: QueuedMailRow }> {
  const { row, rendered } = planned;
  switch (rendered.channel) {
    case 'email': {
      const mail = await composeQueuedMail(origin, {
        kind: MESSAGE_MAIL_KIND, from: ctx.mailFrom, to: [row.recipient], subject: rendered.subject, text: rendered.text, html: rendered.html,
        language: row.language, messageIdDomain: ctx.messageIdDomain, related: { type: MESSAGE_RELATED_TYPE, id: row.id },
      });
      return { message: { ...row, mailMessageId: mail.id }, mail };
    }
    case 'sms':
      return { message: { ...row, eml: composeSmsEml({ text: rendered.text, date: origin.now, id: row.id, messageIdDomain: ctx.messageIdDomain }) } };
    case 'letter':
      return { message: { ...row, eml: await letterEml(origin, ctx, row, rendered) } };
  }
}

async function letterEml(origin: Origin, ctx: MessagingContext, row: NewMessageRow, letter: Extract<RenderedMessage, { channel: 'letter' }>): Promise<string> {
  const language = row.language as Language;
  const sender = row.data?.creditorName ?? origin.tenant.name;
  const pdf = await renderLetterPdf({
    language, sender, recipientLines: row.recipient.split('\n'), dateLine: formatDate(origin.now.toISOString().slice(0, 10), language),
    subject: letter.subject, paragraphs: letter.paragraphs, createdAt: origin.now,
  });
  return composeLetterEml({
    from: ctx.mailFrom, subject: letter.subject, text: `${letter.paragraphs.join('\n\n')}\n`, pdf, filename: `letter-${row.claimReference.replace(/[^A-Za-z0-9_-]/g, '_')}.pdf`,
    date: origin.now, language, id: row.id, messageIdDomain: ctx.messageIdDomain,
  });
}

export function sentEvent(row: NewMessageRow, skipped: SkippedChannel[]): NewEvent {
  return {
    type: MESSAGE_SENT, entityType: 'message', entityId: row.id,
    data: {
      messageId: row.id, claimReference: row.claimReference, accountReference: row.accountReference, runId: row.runId, stepId: row.stepId,
      channel: row.channel, templateId: row.templateId, templateVersion: row.templateVersion, language: row.language, status: row.status,
      fallbackOf: row.fallbackOf, skipped,
    },
  };
}
