import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readEventFeed } from '../../events/feed.js';
import { readAuditLog } from '../../audit/read.js';
import { ANCHOR_PATTERN, parseAnchor, verifyAuditChain } from '../../audit/verify.js';
import { recentDeliveries } from '../../webhooks/deliveries.js';
import { mailMessageRoutes } from '../../mail/routes.js';
import { createCredential, listCredentials, revokeCredential } from '../../auth/credentials.js';
import { PRODUCTS } from '../../auth/products.js';
import { recordAudit } from '../../audit/record.js';
import { describeSecret } from '../../tenants/credential-sheet.js';
import { createWebhookEndpoint, disableWebhookEndpoint, listWebhookEndpoints } from '../../webhooks/endpoints.js';
import { webhookPayload } from '../../webhooks/deliver.js';
import { ApiError } from '../api-error.js';
import { requireActor, runMutation } from '../mutation.js';

const tags = ['Management'];
const idParam = z.object({ id: z.uuid() });
const page = z.object({
  afterId: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  type: z.string().min(1).max(200).optional(),
});

/** The fields of a credential sheet (describeSecret) that hold a secret; the ids and URLs beside them are not secret. */
export const CREDENTIAL_SECRET_FIELDS = ['apiKey', 'authorization', 'clientSecret', 'apiClientSecret', 'appKey'] as const;

const SHOWN_ONCE = 'The secret is in this answer only. A replay with the same `Idempotency-Key` answers the same body with the secret fields null and names them in the `Secret-Withheld` header: revoke and create anew if the first answer was lost.';

const endpointBody = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  eventTypes: z.array(z.string().min(1).max(200)).max(100).default([]),
});

/** The tenant's own API: webhooks, the event feed, the audit log and credential rotation. */
export async function managementRoutes(scope: FastifyInstance): Promise<void> {
  scope.get('/tenant', { schema: { tags, summary: 'The calling tenant' } }, async (request) => {
    const { tenant } = requireActor(request);
    return { id: tenant.id, name: tenant.name, mode: tenant.mode, clientId: tenant.clientId, createdAt: tenant.createdAt.toISOString() };
  });

  scope.post('/webhook-endpoints', { schema: { tags, summary: 'Register a webhook endpoint; the signing secret is shown once', description: SHOWN_ONCE, body: endpointBody } }, (request, reply) =>
    runMutation(request, reply, async (uow) => {
      const body = request.body as z.infer<typeof endpointBody>;
      const created = await createWebhookEndpoint(uow, body);
      if ('code' in created) throw new ApiError('unprocessable', created.message, { code: created.code });
      return { status: 201, body: { ...serializeEndpoint(created.endpoint), signingSecret: created.signingSecret } };
    }, { shownOnce: ['signingSecret'] }),
  );

  scope.get('/webhook-endpoints', { schema: { tags, summary: 'List webhook endpoints' } }, async (request) => {
    const endpoints = await listWebhookEndpoints(scope.platform.db, requireActor(request).tenant.id);
    return { data: endpoints.map(serializeEndpoint) };
  });

  scope.delete('/webhook-endpoints/:id', { schema: { tags, summary: 'Disable a webhook endpoint', params: idParam } }, (request, reply) =>
    runMutation(request, reply, async (uow) => {
      const { id } = request.params as z.infer<typeof idParam>;
      if (!(await disableWebhookEndpoint(uow, id))) throw new ApiError('not_found', 'No such webhook endpoint');
      return { status: 200, body: { id, enabled: false } };
    }),
  );

  scope.get('/webhook-deliveries', { schema: { tags, summary: 'Recent webhook deliveries', querystring: page } }, async (request) => {
    const query = request.query as z.infer<typeof page>;
    const rows = await recentDeliveries(scope.platform.db, requireActor(request).tenant.id, query.limit);
    return {
      data: rows.map((row) => ({
        id: row.id, endpointId: row.endpointId, eventId: `evt_${row.eventId}`, status: row.status, attempts: row.attempts,
        lastStatusCode: row.lastStatusCode, lastError: row.lastError, createdAt: row.createdAt.toISOString(), deliveredAt: row.deliveredAt?.toISOString() ?? null,
      })),
    };
  });

  scope.get('/events', { schema: { tags, summary: 'The event feed, oldest first, after a cursor', querystring: page } }, async (request) => {
    const query = request.query as z.infer<typeof page>;
    const rows = await readEventFeed(scope.platform.db, requireActor(request).tenant.id, query);
    return { data: rows.map(webhookPayload), nextAfterId: rows.at(-1)?.id ?? query.afterId };
  });

  scope.get('/audit-log', { schema: { tags, summary: 'The audit log, newest first, before a cursor', querystring: page.extend({ beforeId: z.coerce.number().int().min(1).optional() }) } }, async (request) => {
    const query = request.query as z.infer<typeof page> & { beforeId?: number };
    const rows = await readAuditLog(scope.platform.db, requireActor(request).tenant.id, query);
    return { data: rows.map((row) => ({ ...row, at: row.at.toISOString() })) };
  });

  const verificationQuery = z.object({ anchor: z.string().regex(ANCHOR_PATTERN, 'SEQ:HASH, as verifiedThrough shows them').optional() });
  scope.get('/audit/verification', {
    schema: { tags, summary: 'Verifies the audit log\'s hash chain: the first edited, deleted or inserted entry, or intact through the last sealed one', querystring: verificationQuery },
  }, async (request) => {
    const { anchor } = request.query as z.infer<typeof verificationQuery>;
    return verifyAuditChain(scope.platform.db, requireActor(request).tenant.id, { anchor: anchor === undefined ? undefined : parseAnchor(anchor) });
  });

  await mailMessageRoutes({ tags })(scope);

  scope.get('/credentials', { schema: { tags, summary: 'List credentials (never their secrets)' } }, async (request) => {
    const rows = await listCredentials(scope.platform.db, requireActor(request).tenant.id);
    return { data: rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), revokedAt: row.revokedAt?.toISOString() ?? null })) };
  });

  const newCredentialBody = z.strictObject({ product: z.enum(PRODUCTS) });
  scope.post('/credentials', { schema: { tags, summary: 'Create a credential (rotation step 1); the secret is shown once', description: SHOWN_ONCE, body: newCredentialBody } }, (request, reply) =>
    runMutation(request, reply, async (uow) => {
      const { product } = request.body as z.infer<typeof newCredentialBody>;
      const secret = await createCredential(uow.tx, { tenantId: uow.tenant.id, product, now: uow.now, label: `${product} credential` });
      await recordAudit(uow, { action: 'credential.created', entityType: 'credential', entityId: secret.credentialId, details: { product } });
      return { status: 201, body: { product, ...describeSecret(product, secret, scope.platform.config.publicBaseUrl, uow.tenant.clientId) } };
    }, { shownOnce: CREDENTIAL_SECRET_FIELDS }),
  );

  scope.delete('/credentials/:id', { schema: { tags, summary: 'Revoke a credential (rotation step 2); its tokens stop working', params: idParam } }, (request, reply) =>
    runMutation(request, reply, async (uow) => {
      const { id } = request.params as z.infer<typeof idParam>;
      if (!(await revokeCredential(uow.tx, { tenantId: uow.tenant.id, credentialId: id, now: uow.now }))) {
        throw new ApiError('not_found', 'No such active credential');
      }
      await recordAudit(uow, { action: 'credential.revoked', entityType: 'credential', entityId: id });
      return { status: 200, body: { id, revoked: true } };
    }),
  );
}

function serializeEndpoint(endpoint: { id: string; url: string; eventTypes: string[]; enabled: boolean; createdAt: Date }) {
  return { id: endpoint.id, url: endpoint.url, eventTypes: endpoint.eventTypes, enabled: endpoint.enabled, createdAt: endpoint.createdAt.toISOString() };
}
