import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../../platform/http/api-error.js';
import { managementFace } from '../../platform/http/faces/platform-api.js';
import { receeveFace } from '../../platform/http/faces/receeve.js';
import { registerFace } from '../../platform/http/register-face.js';
import { FACE_BASE_PATHS } from '../../platform/tenants/credential-sheet.js';
import { recordTriggerExecutions } from '../../servicing/api.js';
import { issueLandingPageUrl } from '../use-cases/landing/issue-landing-page-url.js';
import { setLandingPayee } from '../use-cases/landing/set-landing-payee.js';
import { type LandingDisputeRow, openDisputesOf, readLandingPayee } from '../landing/store.js';
import { resolveDispute } from '../use-cases/landing/resolve-dispute.js';
import { requireActor, runMutation } from '../../platform/http/mutation.js';
import { revokeLandingPageLinks } from '../use-cases/landing/revoke-landing-page-links.js';

/*
 * #26 get_landing_page_url on the Receeve face, and the revocation of a claim's links on the management API.
 * get_landing_page_url writes (a new link per call), so it runs as a mutation (one transaction, audited); its 404
 * has the seed's own body, `{"message": string}`, without the face's `error`.
 */

const tags = ['Debt servicing'];
const landingQuery = z.looseObject({ claimReference: z.string().min(1).max(500), triggerName: z.string().min(1).max(500).optional() });
const payeeBody = z.object({ beneficiaryName: z.string().min(1).max(70), iban: z.string().min(5).max(42), bic: z.string().min(8).max(11).nullable().optional() });
const revokeBody = z.object({ claimReference: z.string().min(1).max(500) });
const disputesQuery = z.object({ claimReference: z.string().min(1).max(500) });

function renderDispute(row: LandingDisputeRow) {
  return {
    disputeId: row.id, claimReference: row.claimReference, accountReference: row.accountReference, reason: row.reason, fileId: row.fileId,
    status: row.status, createdAt: row.createdAt.toISOString(),
  };
}

function readLandingQuery(raw: unknown): z.infer<typeof landingQuery> {
  const query = (raw ?? {}) as Record<string, unknown>;
  if (typeof query.claimReference !== 'string' || query.claimReference === '') {
    throw new ApiError('bad_request', 'Missing required request parameters: [claimReference]');
  }
  const parsed = landingQuery.safeParse(query);
  if (!parsed.success) {
    throw new ApiError('validation', 'Invalid request parameters', {
      issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String), code: issue.code, message: issue.message, location: 'query' as const })),
    });
  }
  return parsed.data;
}

export async function receeveLandingRoutes(app: FastifyInstance): Promise<void> {
  const publicBaseUrl = app.platform.config.publicBaseUrl;

  await registerFace(app, receeveFace, { prefix: '/v1' }, async (scope) => {
    scope.get('/:clientId/get_landing_page_url', { schema: { tags, summary: 'get_landing_page_url' } }, async (request, reply) => {
      const query = readLandingQuery(request.query);
      return runMutation(request, reply, async (uow) => {
        const issued = await issueLandingPageUrl(uow, { claimReference: query.claimReference, publicBaseUrl });
        if (!issued.found) return { status: 404, body: { message: `Claim ${query.claimReference} not found` } };
        if (query.triggerName) {
          await recordTriggerExecutions(uow.tx, uow.tenant.id, {
            triggerName: query.triggerName, operation: 'get_landing_page_url', requestId: uow.requestId ?? null,
            claimReferences: [query.claimReference], accountReferences: [], now: uow.now,
          });
        }
        return { status: 200, body: { URL: issued.url } };
      });
    });
  });

  await registerFace(app, managementFace, { prefix: FACE_BASE_PATHS.management }, async (scope) => {
    scope.post('/landing-page-links/revoke', {
      schema: { tags: ['Collections'], summary: "Revoke every live landing-page link of a claim", body: revokeBody },
    }, (request, reply) => runMutation(request, reply, async (uow) => {
      const { claimReference } = request.body as z.infer<typeof revokeBody>;
      return { status: 200, body: await revokeLandingPageLinks(uow, claimReference) };
    }));

    scope.get('/landing-page-disputes', {
      schema: { tags: ['Collections'], summary: "A claim's open disputes from the debtor's landing page", querystring: disputesQuery },
    }, async (request) => {
      const { claimReference } = request.query as z.infer<typeof disputesQuery>;
      const rows = await openDisputesOf(scope.platform.db, requireActor(request).tenant.id, [claimReference]);
      return { disputes: rows.map(renderDispute) };
    });

    scope.post('/landing-page-disputes/:disputeId/resolve', {
      schema: { tags: ['Collections'], summary: 'Resolve a dispute the debtor opened on the landing page (the journey goes on)' },
    }, (request, reply) => runMutation(request, reply, async (uow) => {
      const { disputeId } = request.params as { disputeId: string };
      const outcome = await resolveDispute(uow, disputeId);
      if (outcome.kind === 'not_found') throw new ApiError('not_found', `Dispute ${disputeId} not found`);
      if (outcome.kind === 'already_resolved') throw new ApiError('conflict', `Dispute ${disputeId} is already resolved`);
      return { status: 200, body: renderDispute(outcome.dispute) };
    }));

    scope.get('/landing-page-payee', { schema: { tags: ['Collections'], summary: 'The account debtors pay into from the landing page' } }, async (request) => {
      const payee = await readLandingPayee(scope.platform.db, requireActor(request).tenant.id);
      if (!payee) throw new ApiError('not_found', 'No landing-page payee is set');
      return { beneficiaryName: payee.beneficiaryName, iban: payee.iban, bic: payee.bic };
    });

    scope.put('/landing-page-payee', {
      schema: { tags: ['Collections'], summary: 'Set the account debtors pay into (EPC QR code payee)', body: payeeBody },
    }, (request, reply) => runMutation(request, reply, async (uow) => {
      const result = await setLandingPayee(uow, request.body as z.infer<typeof payeeBody>);
      if (!result.ok) throw new ApiError('validation', result.error.message, { issues: [{ path: [result.error.field], code: 'invalid', message: result.error.message, location: 'body' }] });
      return { status: 200, body: result.value };
    }));
  });
}
