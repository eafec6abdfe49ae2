import { eq, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Database, Transaction } from '../db/database.js';
import { mailMessages } from '../db/schema.js';
import type { JobHandler } from '../jobs/queue.js';

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
 * Sends a stored message over SMTP when SMTP_URL is set (otherwise it stays stored). A permanent refusal (an SMTP 5xx
 * reply: unknown mailbox, rejected recipient) fails the message at once; anything else is retried through the queue
 * and fails the message after the last attempt. A failed message's handler (by message kind) runs in that same
 * transaction.
 */
export function sendStoredMail(
  db: Database, clock: Clock, logger: Logger, smtpUrl: string | undefined, onUndeliverable: Readonly<Record<string, UndeliverableMailHandler>> = {},
): JobHandler<{ messageId: string }> {
  const transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : undefined;
  return async (job) => {
    const [message] = await db.select().from(mailMessages).where(eq(mailMessages.id, job.data.messageId)).limit(1);
    if (!message || message.status !== 'queued') return;
    if (!transport) {
      await db.update(mailMessages).set({ status: 'stored' }).where(eq(mailMessages.id, message.id));
      return;
    }
    try {
      await transport.sendMail({ envelope: { from: envelopeAddress(message.fromAddress), to: message.toAddresses }, raw: message.eml });
      await db.update(mailMessages).set({ status: 'sent', sentAt: clock.now(), attempts: sql`${mailMessages.attempts} + 1`, lastError: null }).where(eq(mailMessages.id, message.id));
    } catch (error) {
      const undeliverable = isPermanentRefusal(error) || job.retryCount >= job.retryLimit;
      logger.warn({ messageId: message.id, err: error, undeliverable }, 'sending mail failed');
      await db.transaction(async (tx) => {
        await tx.update(mailMessages)
          .set({ status: undeliverable ? 'failed' : 'queued', attempts: sql`${mailMessages.attempts} + 1`, lastError: (error as Error).message.slice(0, 500) })
          .where(eq(mailMessages.id, message.id));
        if (undeliverable) await onUndeliverable[message.kind]?.(tx, message, clock.now());
      });
      if (!undeliverable) throw error;
    }
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
