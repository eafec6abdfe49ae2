import { and, asc, eq, inArray } from 'drizzle-orm';
import { messagingContext } from '../../src/collections/communications/context.js';
import { collectionsMessages } from '../../src/collections/schema/messages-schema.js';
import { sendClaimMessage, type SendClaimMessageInput } from '../../src/collections/use-cases/messages/send-claim-message.js';
import { events } from '../../src/platform/db/schema.js';
import { clockFor } from '../../src/platform/services.js';
import { systemActor, unitOfWork } from '../../src/platform/unit-of-work.js';
import type { TestService, TestTenant } from '../support/service.js';

/** Sends a claim message as a run step would: in its own unit of work, committed when it returns. */
export function send(service: TestService, tenant: TestTenant, input: SendClaimMessageInput) {
  const clock = clockFor(service.platform, tenant.tenant);
  return service.platform.db.transaction((tx) =>
    sendClaimMessage(unitOfWork({ tx, tenant: tenant.tenant, clock, actor: systemActor('test-run') }), messagingContext(service.platform), input));
}

export function messagesOf(service: TestService, tenant: TestTenant, claimReference: string) {
  return service.platform.db.select().from(collectionsMessages)
    .where(and(eq(collectionsMessages.tenantId, tenant.tenant.id), eq(collectionsMessages.claimReference, claimReference)))
    .orderBy(asc(collectionsMessages.createdAt), asc(collectionsMessages.attempt));
}

export function messageEvents(service: TestService, tenant: TestTenant) {
  return service.platform.db.select().from(events)
    .where(and(eq(events.tenantId, tenant.tenant.id), inArray(events.type, ['message.sent', 'message.failed'])))
    .orderBy(asc(events.id));
}

export const DEBTOR = {
  debtorReference: 'DEBTOR_1', firstName: 'Erika', lastName: 'Mustermann',
  contactInformation: {
    country: 'DE', email: 'erika@example.de', mobileNumber: '+4915112345678', addressLine1: 'Boikweg 24', postalCode: '33129', city: 'Delbrück',
  },
};

export function claim(overrides: Record<string, unknown> = {}) {
  return {
    amount: 123456, currency: 'EUR', currentDueDate: '2026-11-01', originalDueDate: '2026-11-01', accountReference: 'ACCOUNT_1',
    totalFees: 500, fees: [{ name: 'Reminder fee', amount: 500 }], primaryDebtor: DEBTOR, meta: {}, paymentReference: 'RF18539007547034', ...overrides,
  };
}
