import { clockFor, type Platform } from '../../../platform/services.js';
import type { Tenant } from '../../../platform/tenants/tenant.js';
import { systemActor, unitOfWork } from '../../../platform/unit-of-work.js';
import type { InsuranceContext } from '../../context.js';
import { applyConnectTimers, timerRules } from '../../connect/status.js';
import { type ConnectRequestRow, findConnectRequest, lockConnectRequest } from '../../connect/store.js';
import { type ConnectStatus, dueConnectTimer } from '../../domain/connect-state.js';
import { fail } from '../../domain/errors.js';

/** GET /connect/v1/quote-requests/{id}: the request as it stands now (a due timer is applied and persisted first). */
export async function readConnectRequest(
  platform: Platform, tenant: Tenant, id: string, ctx: InsuranceContext, requestId?: string,
): Promise<ConnectRequestRow> {
  if (id.length > 64) fail({ kind: 'not_found' });
  const row = await findConnectRequest(platform.db, tenant.id, id);
  if (!row) fail({ kind: 'not_found' });
  const clock = clockFor(platform, tenant);
  const now = clock.now();
  if (dueConnectTimer({ ...row, status: row.status as ConnectStatus }, now, timerRules(ctx)) === null) return row;
  return platform.db.transaction(async (tx) => {
    const locked = await lockConnectRequest(tx, tenant.id, id);
    if (!locked) fail({ kind: 'not_found' });
    return applyConnectTimers(unitOfWork({ tx, tenant, clock, now, actor: systemActor('connect-timers'), requestId }), locked, ctx);
  });
}
