import { recordAudit } from '../../../platform/audit/record.js';
import { appendEvents, type NewEvent } from '../../../platform/events/append.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { debtorRecordError } from '../../domain/debtor-record-errors.js';
import { MANDATE_DELETED } from '../../events.js';
import { findMandate, markMandateDeleted } from '../../store/mandates.js';
import { itemFailed, itemSucceeded, mergeItemsByKey, type ItemOutcome } from '../support/item-results.js';

/*
 * #33 delete_account_mandates: the mandate leaves #34 but its row stays, marked deleted, so its history (and the
 * rule that a creditor never reuses a mandate reference) is kept. An unknown or already deleted mandate, or one of
 * another account, is an item failure.
 */
export async function deleteAccountMandates(
  uow: UnitOfWork, items: readonly { accountReference: string; mandateId: string }[],
): Promise<Record<string, ItemOutcome>> {
  const outcomes: { key: string; outcome: ItemOutcome }[] = [];
  const events: NewEvent[] = [];
  for (const item of items) {
    const row = await findMandate(uow.tx, uow.tenant.id, item.mandateId);
    if (!row || row.deletedAt !== null || row.accountReference !== item.accountReference) {
      outcomes.push({ key: item.accountReference, outcome: itemFailed(debtorRecordError('MANDATE_NOT_FOUND', `Mandate ${item.mandateId} not found on Account ${item.accountReference}`)) });
      continue;
    }
    await markMandateDeleted(uow.tx, uow.tenant.id, item.mandateId, uow.now);
    events.push({ type: MANDATE_DELETED, entityType: 'mandate', entityId: item.mandateId, data: { mandateId: item.mandateId, accountReference: item.accountReference } });
    outcomes.push({ key: item.accountReference, outcome: itemSucceeded() });
  }
  await appendEvents(uow, events);
  await recordAudit(uow, {
    action: 'collections.delete_account_mandates', entityType: 'mandate_batch', entityId: uow.requestId ?? 'delete_account_mandates',
    details: { items: items.length, succeeded: outcomes.filter(({ outcome }) => outcome.success).length },
  });
  return mergeItemsByKey(outcomes);
}
