import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../../platform/http/api-error.js';
import { managementFace } from '../../platform/http/faces/platform-api.js';
import { requireActor, runMutation } from '../../platform/http/mutation.js';
import { registerFace } from '../../platform/http/register-face.js';
import { FACE_BASE_PATHS } from '../../platform/tenants/credential-sheet.js';
import type { InstalmentPlanDefinition } from '../domain/instalments/definitions.js';
import { readDebtorRecordSettings } from '../store/debtor-settings.js';
import { setDebtorRecordSettings } from '../use-cases/settings/set-debtor-record-settings.js';

/*
 * The tenant's debtor-record settings on Tradecredit's management API: read them (defaults filled in) and replace
 * them. Validation errors answer in the management face's error body.
 */

const tags = ['Collections'];
const object = z.record(z.string(), z.unknown());
const definition = z.object({
  id: z.string().min(1).max(100), type: z.enum(['programmatic', 'choice', 'fixedAmounts', 'percentageAmounts']), version: z.string().min(1).max(50),
  enabled: z.boolean(), selectable: z.boolean(), description: z.record(z.string(), z.string()),
  configuration: z.array(object).max(50), rules: z.array(object).max(50).default([]), context: object.default({}),
});
const settingsBody = z.object({
  promise: z.object({ minimumAmount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), maximumDaysAhead: z.number().int().min(0).max(3650) }).partial().optional(),
  instalments: z.object({
    graceDays: z.number().int().min(0).max(365), computationTtlSeconds: z.number().int().min(60).max(7 * 86_400), definitions: z.array(definition).max(50),
  }).partial().optional(),
});

export async function debtorRecordSettingsRoutes(app: FastifyInstance): Promise<void> {
  await registerFace(app, managementFace, { prefix: FACE_BASE_PATHS.management }, async (scope) => {
    scope.get('/debtor-record-settings', { schema: { tags, summary: "The tenant's promise bounds and instalment settings" } }, async (request) =>
      readDebtorRecordSettings(scope.platform.db, requireActor(request).tenant.id));

    scope.put('/debtor-record-settings', { schema: { tags, summary: "Replace the tenant's promise bounds and instalment settings", body: settingsBody } }, (request, reply) =>
      runMutation(request, reply, async (uow) => {
        const body = request.body as z.infer<typeof settingsBody>;
        const instalments = body.instalments ? { ...body.instalments, definitions: body.instalments.definitions as InstalmentPlanDefinition[] | undefined } : undefined;
        const result = await setDebtorRecordSettings(uow, { promise: body.promise, instalments: instalments && Object.fromEntries(Object.entries(instalments).filter(([, v]) => v !== undefined)) });
        if (!result.ok) throw new ApiError('validation', result.error.message);
        return { status: 200, body: result.value };
      }));
  });
}
