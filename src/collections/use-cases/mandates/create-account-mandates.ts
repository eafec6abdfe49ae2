import { recordAudit } from '../../../platform/audit/record.js';
import { appendEvents, type NewEvent } from '../../../platform/events/append.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { readAccountFacts, type AccountFacts } from '../../../servicing/api.js';
import { debtorRecordError } from '../../domain/debtor-record-errors.js';
import { checkMandate, type MandateInput } from '../../domain/mandates/mandate.js';
import { MANDATE_CREATED } from '../../events.js';
import { findMandate, insertMandate } from '../../store/mandates.js';
import { itemFailed, itemSucceeded, mergeItemsByKey, type ItemOutcome } from '../support/item-results.js';

/*
 * #32 create_account_mandates: each mandate is stored on its account when the account exists, its debtor and
 * products are the account's, a bank mandate's IBAN is valid and its reference was never used by this creditor
 * (tenant), deleted mandates included. The answer echoes each stored mandate, merged per account.
 */
export async function createAccountMandates(uow: UnitOfWork, items: readonly MandateInput[]): Promise<Record<string, ItemOutcome>> {
  const accounts = new Map<string, AccountFacts | undefined>();
  const outcomes: { key: string; outcome: ItemOutcome }[] = [];
  const events: NewEvent[] = [];
  for (const item of items) {
    if (!accounts.has(item.accountReference)) accounts.set(item.accountReference, await readAccountFacts(uow.tx, uow.tenant.id, item.accountReference));
    outcomes.push({ key: item.accountReference, outcome: await createOne(uow, item, accounts.get(item.accountReference), events) });
  }
  await appendEvents(uow, events);
  await recordAudit(uow, {
    action: 'collections.create_account_mandates', entityType: 'mandate_batch', entityId: uow.requestId ?? 'create_account_mandates',
    details: { items: items.length, succeeded: outcomes.filter(({ outcome }) => outcome.success).length },
  });
  return mergeItemsByKey(outcomes);
}

async function createOne(uow: UnitOfWork, item: MandateInput, account: AccountFacts | undefined, events: NewEvent[]): Promise<ItemOutcome> {
  if (!account) return itemFailed(debtorRecordError('ACCOUNT_NOT_FOUND', `Account ${item.accountReference} not found`));
  const checked = checkMandate(item, account);
  if (!checked.ok) return itemFailed(checked.error);
  if (await findMandate(uow.tx, uow.tenant.id, item.mandateId)) {
    return itemFailed(debtorRecordError('MANDATE_EXISTS', `Mandate ${item.mandateId} already exists for this creditor`));
  }
  await insertMandate(uow.tx, {
    tenantId: uow.tenant.id, mandateId: item.mandateId, accountReference: item.accountReference, providerName: item.providerName,
    debtorReference: item.debtorReference, productReferences: item.productReferences, mandateRepresentation: item.mandateRepresentation ?? null,
    clientIpAddress: item.clientIpAddress ?? null, createdAt: uow.now, deletedAt: null,
  });
  events.push({
    type: MANDATE_CREATED, entityType: 'mandate', entityId: item.mandateId,
    data: { mandateId: item.mandateId, accountReference: item.accountReference, providerName: item.providerName, debtorReference: item.debtorReference },
  });
  return itemSucceeded([item]);
}
