import { eq, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Database, Transaction } from '../db/database.js';
import { mailMessages } from '../db/schema.js';
import type { JobHandler } from '../jobs/queue.js';
import { mailJobMessageIds, type MailJob } from './outbox.js';

/** What a module learns about a message that will never be delivered. */
export interface UndeliverableMail {
  readonly id: string;
  readonly tenantId: string;
  readonly kind: string;
  readonly relatedType: string | null;
  readonly relatedId: string | null;
}

/**
 * Runs in the transaction that records a message as failed for good, so the business consequence (e.g. a Connect
 * offer whose e-mail never arrived) commits with it. `systemNow` is the system clock's time.
 */
export type UndeliverableMailHandler = (tx: Transaction, message: UndeliverableMail, systemNow: Date) => Promise<void>;

/**
 * Sends stored messages over SMTP when SMTP_URL is set (otherwise they stay stored), a job's messages one after
 * another. A permanent refusal (an SMTP 5xx reply: unknown mailbox, rejected recipient) fails its message at once;
 * anything else leaves it queued and fails the job once its other messages were tried, so that the queue retries the
 * job, and a retry sends only the messages still queued (a message sent or failed for good is never sent again). A
 * message fails after the job's last attempt. A failed message's handler (by message kind) runs in that same
 * transaction.
 */
export function sendStoredMail(
  db: Database, clock: Clock, logger: Logger, smtpUrl: string | undefined, onUndeliverable: Readonly<Record<string, UndeliverableMailHandler>> = {},
): JobHandler<MailJob> {
  const transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : undefined;
  /** Sends one message; answers the error that leaves it queued for the job's next attempt, if any. */
  const sendOne = async (messageId: string, job: PgBoss.JobWithMetadata<MailJob>): Promise<{ error: unknown } | undefined> => {
    const [message] = await db.select().from(mailMessages).where(eq(mailMessages.id, messageId)).limit(1);
    if (!message || message.status !== 'queued') return undefined;
    if (!transport) {
      await db.update(mailMessages).set({ status: 'stored' }).where(eq(mailMessages.id, message.id));
      return undefined;
    }
    try {
      await transport.sendMail({ envelope: { from: envelopeAddress(message.fromAddress), to: message.toAddresses }, raw: message.eml });
      await db.update(mailMessages).set({ status: 'sent', sentAt: clock.now(), attempts: sql`${mailMessages.attempts} + 1`, lastError: null }).where(eq(mailMessages.id, message.id));
      return undefined;
    } catch (error) {
      const undeliverable = isPermanentRefusal(error) || job.retryCount >= job.retryLimit;
      logger.warn({ messageId: message.id, err: error, undeliverable }, 'sending mail failed');
      await db.transaction(async (tx) => {
        await tx.update(mailMessages)
          .set({ status: undeliverable ? 'failed' : 'queued', attempts: sql`${mailMessages.attempts} + 1`, lastError: (error as Error).message.slice(0, 500) })
          .where(eq(mailMessages.id, message.id));
        if (undeliverable) await onUndeliverable[message.kind]?.(tx, message, clock.now());
      });
      return undeliverable ? undefined : { error };
    }
  };
  return async (job) => {
    let retry: { error: unknown } | undefined;
    for (const messageId of mailJobMessageIds(job.data)) retry = (await sendOne(messageId, job)) ?? retry;
    if (retry) throw retry.error;
  };
}

/** An SMTP 5xx reply: the server refused for good (retrying cannot help). */
function isPermanentRefusal(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** `Name <a@b>` → `a@b`, the form an SMTP envelope needs. */
export function envelopeAddress(address: string): string {
  return /<([^>]+)>/.exec(address)?.[1] ?? address.trim();
}
