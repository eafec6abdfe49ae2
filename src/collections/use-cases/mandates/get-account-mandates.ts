import type { Executor } from '../../../platform/db/database.js';
import { activeMandates, type MandateRow } from '../../store/mandates.js';

/** #34 get_account_mandates: the account's mandates that are not deleted (an unknown account has none, A5). */
export async function getAccountMandates(db: Executor, tenantId: string, accountReference: string): Promise<MandateRow[]> {
  return activeMandates(db, tenantId, accountReference);
}
