import type { FastifyInstance } from 'fastify';
import { and, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { tenants } from '../../db/schema.js';
import { appendEvent } from '../../events/append.js';
import { recordAudit } from '../../audit/record.js';
import { clockFor } from '../../services.js';
import { ApiError } from '../api-error.js';
import { requireActor, runMutation } from '../mutation.js';

const tags = ['Sandbox'];
export const MAX_ADVANCE_SECONDS = 10 * 366 * 24 * 3600;

const advanceBody = z
  .strictObject({
    seconds: z.number().int().min(1).max(MAX_ADVANCE_SECONDS).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((body) => (body.seconds === undefined) !== (body.to === undefined), { message: 'Give exactly one of "seconds" or "to"' });

const clockView = z.object({ tenantId: z.string(), mode: z.enum(['sandbox', 'live']), now: z.string(), offsetSeconds: z.number() });

/** The sandbox test clock: integrators move time forward to try expiry, claim windows and journeys in seconds. */
export async function sandboxRoutes(scope: FastifyInstance): Promise<void> {
  scope.get('/clock', { schema: { tags, summary: 'The tenant clock', response: { 200: clockView } } }, async (request) => {
    const { tenant } = requireActor(request);
    return { tenantId: tenant.id, mode: tenant.mode, now: clockFor(scope.platform, tenant).now().toISOString(), offsetSeconds: Math.floor(tenant.clockOffsetMs / 1000) };
  });

  scope.post(
    '/clock/advance',
    { schema: { tags, summary: 'Advance the sandbox clock (never backwards; refused for live tenants)', body: advanceBody, response: { 200: clockView } } },
    (request, reply) =>
      runMutation(request, reply, async (uow) => {
        if (uow.tenant.mode !== 'sandbox') throw new ApiError('forbidden', 'Only sandbox tenants have a test clock; live tenants run on the system clock', { code: 'sandbox_only' });
        const body = request.body as z.infer<typeof advanceBody>;
        const systemNow = scope.platform.clock.now().getTime();
        const [current] = await uow.tx.select({ offset: tenants.clockOffsetMs }).from(tenants).where(eq(tenants.id, uow.tenant.id)).for('no key update');
        const currentOffset = current?.offset ?? 0;
        const targetOffset = body.seconds !== undefined ? currentOffset + body.seconds * 1000 : new Date(body.to as string).getTime() - systemNow;
        if (targetOffset <= currentOffset) throw new ApiError('unprocessable', 'The clock only moves forward: "to" must be later than the tenant clock', { code: 'clock_backwards' });
        if (targetOffset > MAX_ADVANCE_SECONDS * 1000 * 5) throw new ApiError('unprocessable', 'The test clock may run at most 50 years ahead', { code: 'clock_too_far' });
        await uow.tx.update(tenants).set({ clockOffsetMs: sql`${targetOffset}` }).where(and(eq(tenants.id, uow.tenant.id), lt(tenants.clockOffsetMs, targetOffset)));
        const now = new Date(systemNow + targetOffset);
        await appendEvent(uow, { type: 'sandbox.clock_advanced', entityType: 'tenant', entityId: uow.tenant.id, data: { from: uow.now.toISOString(), to: now.toISOString() } });
        await recordAudit(uow, { action: 'sandbox.clock_advanced', entityType: 'tenant', entityId: uow.tenant.id, details: { offsetMs: targetOffset } });
        return { status: 200, body: { tenantId: uow.tenant.id, mode: uow.tenant.mode, now: now.toISOString(), offsetSeconds: Math.floor(targetOffset / 1000) } };
      }),
  );
}
