import type { JobQueue } from '../../platform/jobs/queue.js';
import { envelopeAddress } from '../../platform/mail/send.js';
import type { Platform } from '../../platform/services.js';

/** What sending a message needs beyond its unit of work: the job queue (the mail outbox) and the sender. */
export interface MessagingContext {
  readonly jobs: JobQueue;
  /** The From of e-mails and letters (MAIL_FROM). */
  readonly mailFrom: string;
  /** The domain part of the Message-IDs of SMS and letters. */
  readonly messageIdDomain: string;
  /** PUBLIC_BASE_URL, as get_landing_page_url uses it: the messages' landing-page links start with it. */
  readonly publicBaseUrl: string;
}

export function messagingContext(platform: Pick<Platform, 'jobs' | 'config'>): MessagingContext {
  const from = platform.config.MAIL_FROM;
  return { jobs: platform.jobs, mailFrom: from, messageIdDomain: envelopeAddress(from).split('@')[1] ?? 'tradecredit.local', publicBaseUrl: platform.config.publicBaseUrl };
}

/** The outbox kind of a collections e-mail: its undeliverable handler takes the fallback channel. */
export const MESSAGE_MAIL_KIND = 'collections.message';
/** The related type of that outbox row; its related id is the collections message id. */
export const MESSAGE_RELATED_TYPE = 'collections_message';
