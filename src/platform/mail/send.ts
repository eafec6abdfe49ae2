import { eq, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { mailMessages } from '../db/schema.js';
import type { JobHandler } from '../jobs/queue.js';

/** Sends a stored message over SMTP when SMTP_URL is set (otherwise it stays stored); failures retry through the queue. */
export function sendStoredMail(db: Database, clock: Clock, logger: Logger, smtpUrl: string | undefined): JobHandler<{ messageId: string }> {
  const transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : undefined;
  return async (job) => {
    const [message] = await db.select().from(mailMessages).where(eq(mailMessages.id, job.data.messageId)).limit(1);
    if (!message || message.status === 'sent' || message.status === 'stored') return;
    if (!transport) {
      await db.update(mailMessages).set({ status: 'stored' }).where(eq(mailMessages.id, message.id));
      return;
    }
    try {
      await transport.sendMail({ envelope: { from: envelopeAddress(message.fromAddress), to: message.toAddresses }, raw: message.eml });
      await db.update(mailMessages).set({ status: 'sent', sentAt: clock.now(), attempts: sql`${mailMessages.attempts} + 1`, lastError: null }).where(eq(mailMessages.id, message.id));
    } catch (error) {
      const lastAttempt = job.retryCount >= job.retryLimit;
      await db
        .update(mailMessages)
        .set({ status: lastAttempt ? 'failed' : 'queued', attempts: sql`${mailMessages.attempts} + 1`, lastError: (error as Error).message.slice(0, 500) })
        .where(eq(mailMessages.id, message.id));
      logger.warn({ messageId: message.id, err: error }, 'sending mail failed');
      if (!lastAttempt) throw error;
    }
  };
}

/** `Name <a@b>` → `a@b`, the form an SMTP envelope needs. */
export function envelopeAddress(address: string): string {
  return /<([^>]+)>/.exec(address)?.[1] ?? address.trim();
}
