import type { Platform } from '../../platform/services.js';
import { clockFor } from '../../platform/services.js';
import { findTenant } from '../../platform/tenants/service.js';
import { systemActor, type UnitOfWork, unitOfWork } from '../../platform/unit-of-work.js';

/** Runs a reaction's work in one transaction of the event's tenant, on its clock, as the cases-lifecycle system actor. */
export async function inTenant(platform: Platform, tenantId: string, work: (uow: UnitOfWork) => Promise<void>): Promise<void> {
  const tenant = await findTenant(platform.db, tenantId);
  if (!tenant) return;
  const clock = clockFor(platform, tenant);
  await platform.db.transaction(async (tx) => work(unitOfWork({ tx, tenant, clock, actor: systemActor('cases-lifecycle') })));
}
