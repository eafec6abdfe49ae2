import { appendEvents } from '../../../platform/events/append.js';
import type { MinorUnits } from '../../../platform/money.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { caseIdOf } from '../../domain/codes.js';
import { type RecoverySplit, splitRecovery } from '../../domain/recovery.js';
import { type CaseRow, insertRecoveryOnce, recoveredAfterIndemnity } from '../../store.js';

/**
 * A recovery on a case whose indemnity has been paid (claim PAID) is split insurer/insured on the running total of
 * recoveries after indemnity (domain/recovery.ts) and recorded once per source payment, with a
 * `case.recovery_split` event. Before indemnity a recovery is the insured's alone: nothing to split (null).
 */
export async function splitRecoveryAfterIndemnity(uow: UnitOfWork, row: CaseRow, amount: MinorUnits, sourceEventId: number): Promise<RecoverySplit | null> {
  if (row.claimStatus !== 'PAID' || row.indemnityAmount === null || row.indemnityPercentage === null) return null;
  const recoveredBefore = await recoveredAfterIndemnity(uow.tx, uow.tenant.id, row.caseNumber);
  const split = splitRecovery({ amount, recoveredBefore, insuredPercentage: row.indemnityPercentage, indemnityPaid: row.indemnityAmount });
  if (!split.ok) throw new Error(`recovery split refused: ${split.error.message}`);
  const inserted = await insertRecoveryOnce(uow.tx, {
    tenantId: uow.tenant.id, caseNumber: row.caseNumber, sourceEventId, amount, insurerShare: split.value.insurerShare,
    insuredShare: split.value.insuredShare, insurerTotal: split.value.insurerTotal, recordedAt: uow.now,
  });
  if (!inserted) return null;
  await appendEvents(uow, [{
    type: 'case.recovery_split', entityType: 'nonpayment_case', entityId: caseIdOf(row.caseNumber),
    data: { caseId: caseIdOf(row.caseNumber), amount, insurerShare: split.value.insurerShare, insuredShare: split.value.insuredShare, insurerTotal: split.value.insurerTotal, currency: row.currency },
  }]);
  return split.value;
}
