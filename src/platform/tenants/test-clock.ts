import { eq } from 'drizzle-orm';
import { authChanged } from '../auth/actor-cache.js';
import { tenants } from '../db/schema.js';
import { appendEvent } from '../events/append.js';
import { recordAudit } from '../audit/record.js';
import type { UnitOfWork } from '../unit-of-work.js';

export const MAX_ADVANCE_SECONDS = 10 * 366 * 24 * 3600;
/** How far ahead of the system clock a test clock may run. */
export const MAX_OFFSET_MS = 50 * 366 * 24 * 3600 * 1000;

export type AdvanceRequest = { seconds: number } | { to: Date };

export type AdvanceRefusal =
  | { code: 'sandbox_only'; message: string }
  | { code: 'clock_backwards'; message: string }
  | { code: 'clock_too_far'; message: string };

/** The offset a request asks for, or why it may not have it. Pure: the clock only moves forward, and only in sandboxes. */
export function targetOffset(
  mode: 'sandbox' | 'live',
  currentOffsetMs: number,
  systemNowMs: number,
  request: AdvanceRequest,
): { ok: true; offsetMs: number } | { ok: false; refusal: AdvanceRefusal } {
  if (mode !== 'sandbox') {
    return { ok: false, refusal: { code: 'sandbox_only', message: 'Only sandbox tenants have a test clock; live tenants run on the system clock' } };
  }
  const offsetMs = 'seconds' in request ? currentOffsetMs + request.seconds * 1000 : request.to.getTime() - systemNowMs;
  if (offsetMs <= currentOffsetMs) {
    return { ok: false, refusal: { code: 'clock_backwards', message: 'The clock only moves forward: "to" must be later than the tenant clock' } };
  }
  if (offsetMs > MAX_OFFSET_MS) return { ok: false, refusal: { code: 'clock_too_far', message: 'The test clock may run at most 50 years ahead' } };
  return { ok: true, offsetMs };
}

/** Advances a sandbox tenant's test clock, with its event and audit row. */
export async function advanceTestClock(
  uow: UnitOfWork,
  systemNow: Date,
  request: AdvanceRequest,
): Promise<{ ok: true; now: Date; offsetMs: number } | { ok: false; refusal: AdvanceRefusal }> {
  // NO KEY UPDATE: other transactions of this tenant hold KEY SHARE locks on the row through their foreign keys.
  const [current] = await uow.tx.select({ offset: tenants.clockOffsetMs }).from(tenants).where(eq(tenants.id, uow.tenant.id)).for('no key update');
  const target = targetOffset(uow.tenant.mode, current?.offset ?? 0, systemNow.getTime(), request);
  if (!target.ok) return target;
  await uow.tx.update(tenants).set({ clockOffsetMs: target.offsetMs }).where(eq(tenants.id, uow.tenant.id));
  // Authenticated callers carry the tenant (and its clock offset) from the auth cache: drop it everywhere.
  await authChanged(uow.tx, uow.tenant.id);
  const now = new Date(systemNow.getTime() + target.offsetMs);
  await appendEvent(uow, { type: 'sandbox.clock_advanced', entityType: 'tenant', entityId: uow.tenant.id, data: { from: uow.now.toISOString(), to: now.toISOString() } });
  await recordAudit(uow, { action: 'sandbox.clock_advanced', entityType: 'tenant', entityId: uow.tenant.id, details: { offsetMs: target.offsetMs } });
  return { ok: true, now, offsetMs: target.offsetMs };
}
