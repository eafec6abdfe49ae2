import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { registerFace } from '../../src/platform/http/register-face.js';
import { connectFace, insureFace, reinsureFace } from '../../src/platform/http/faces/credable.js';
import { coverFace, nonPaymentFace } from '../../src/platform/http/faces/atradius.js';
import { receeveFace } from '../../src/platform/http/faces/receeve.js';
import { runMutation, requireActor } from '../../src/platform/http/mutation.js';
import { appendEvent } from '../../src/platform/events/append.js';
import { recordAudit } from '../../src/platform/audit/record.js';
import type { WireFace } from '../../src/platform/http/face.js';
import { ApiError } from '../../src/platform/http/api-error.js';
import { FACE_BASE_PATHS } from '../../src/platform/tenants/credential-sheet.js';

/**
 * Test-only routes mounted under each real face, so the platform's authentication, errors, idempotency and
 * rate limiting can be exercised before the business modules exist. The probe's mutation is real: it writes an
 * event and an audit row in the request's transaction.
 */
const probeBody = z.object({ note: z.string().max(100), amount: z.number().int().optional() });

function probeRoutes(path: string) {
  return async (scope: FastifyInstance) => {
    scope.post(`${path}/probe`, { schema: { body: probeBody } }, (request, reply) =>
      runMutation(request, reply, async (uow) => {
        const body = request.body as z.infer<typeof probeBody>;
        const eventId = await appendEvent(uow, { type: 'probe.called', entityType: 'probe', entityId: body.note, data: { note: body.note } });
        await recordAudit(uow, { action: 'probe.called', entityType: 'probe', entityId: body.note });
        if (body.note === 'fail-after-write') throw new ApiError('invalid_state', 'Refused after writing', { code: 'probe_refused' });
        return { status: 201, body: { eventId, note: body.note } };
      }),
    );
    scope.get(`${path}/probe`, async (request) => ({ tenantId: requireActor(request).tenant.id }));
    scope.get(`${path}/slow`, async () => {
      await new Promise((resolve) => setTimeout(resolve, 700));
      return { done: true };
    });
  };
}

const FACES: [WireFace, string, string][] = [
  [receeveFace, FACE_BASE_PATHS.servicing, '/:clientId'],
  [connectFace, FACE_BASE_PATHS.connect, ''],
  [reinsureFace, FACE_BASE_PATHS.reinsure, ''],
  [insureFace, FACE_BASE_PATHS.insure, ''],
  [coverFace, FACE_BASE_PATHS.cover, ''],
  [nonPaymentFace, FACE_BASE_PATHS.nonpayment, ''],
];

export const probeModules = FACES.map(([face, prefix, path]) => async (app: FastifyInstance) =>
  registerFace(app, face, { prefix, unknownRoute: face === coverFace || face === nonPaymentFace ? new ApiError('forbidden', 'Forbidden') : undefined }, probeRoutes(path)),
);
