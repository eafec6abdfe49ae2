import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { clockFor } from '../../services.js';
import { advanceTestClock, MAX_ADVANCE_SECONDS } from '../../tenants/test-clock.js';
import { ApiError } from '../api-error.js';
import { requireActor, runMutation } from '../mutation.js';

const tags = ['Sandbox'];

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
        const body = request.body as z.infer<typeof advanceBody>;
        const advance = body.seconds !== undefined ? { seconds: body.seconds } : { to: new Date(body.to as string) };
        const result = await advanceTestClock(uow, scope.platform.clock.now(), advance);
        if (!result.ok) {
          throw new ApiError(result.refusal.code === 'sandbox_only' ? 'forbidden' : 'unprocessable', result.refusal.message, { code: result.refusal.code });
        }
        return { status: 200, body: { tenantId: uow.tenant.id, mode: uow.tenant.mode, now: result.now.toISOString(), offsetSeconds: Math.floor(result.offsetMs / 1000) } };
      }),
  );
}
