import { businessDateAt, compareDates } from '../../platform/dates.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { readDebtorRecordSettings } from '../store/debtor-settings.js';
import { activePlansOfClaim } from '../store/instalment-plans.js';
import { openPromiseOf } from '../store/promises.js';
import { refreshPlanStanding } from './instalments/plan-standing.js';
import { settlePromise } from './promises/settle-promise.js';

/*
 * A payment reached a claim (servicing's payment event, through the platform's event reactions): an open promise
 * whose date has not passed and whose amount is now paid is kept at once, and the claim's ACTIVE instalment plans
 * take the payment into their instalments and standing. Idempotent: a second delivery finds the promise no longer
 * open and the plans already up to date (a refresh computes the same values again and emits nothing new).
 */
export async function reactToClaimPayment(uow: UnitOfWork, ctx: { timeZone: string }, claimReference: string): Promise<void> {
  const promise = await openPromiseOf(uow.tx, uow.tenant.id, claimReference);
  if (promise && compareDates(businessDateAt(uow.now, ctx.timeZone), promise.dueDate) <= 0) {
    await settlePromise(uow, promise.id, { onlyIfKept: true });
  }
  const plans = await activePlansOfClaim(uow.tx, uow.tenant.id, claimReference);
  if (plans.length === 0) return;
  const { instalments } = await readDebtorRecordSettings(uow.tx, uow.tenant.id);
  for (const plan of plans) await refreshPlanStanding(uow, plan, { timeZone: ctx.timeZone, graceDays: instalments.graceDays });
}
