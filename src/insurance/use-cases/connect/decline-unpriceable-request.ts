import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { changeConnectStatus } from '../../connect/status.js';
import { type ConnectRequestRow, lockConnectRequest } from '../../connect/store.js';
import type { ConnectContext } from '../../context.js';

/** Ends a request that could not be priced at all (`success: false`, nothing sent), so it never stays pending. */
export async function declineUnpriceable(uow: UnitOfWork, id: string, ctx: ConnectContext): Promise<ConnectRequestRow | undefined> {
  const row = await lockConnectRequest(uow.tx, uow.tenant.id, id);
  if (!row || row.status !== 'pending') return row;
  return changeConnectStatus(uow, row, 'declined', { declineRule: 'pricing_failed' }, ctx, {
    action: 'quote_request.declined', details: { rule: 'pricing_failed' },
  });
}
