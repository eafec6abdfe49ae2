import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../../platform/http/api-error.js';
import { managementFace } from '../../platform/http/faces/platform-api.js';
import { requireActor, runMutation } from '../../platform/http/mutation.js';
import { registerFace } from '../../platform/http/register-face.js';
import { isTemplateId } from '../communications/templates/catalogue.js';
import { createTemplateVersion, type TemplateVersionError } from '../use-cases/messages/create-template-version.js';
import { listTemplates, type TemplateView } from '../use-cases/messages/list-templates.js';

/*
 * Message templates on the tenant's management API (/management/v1/collections/templates): list the templates and
 * their versions per language, read one with its text, and add a version for a language (the latest version is
 * what new messages use). Errors in the platform's `{"error":{code,message,issues}}` shape, each issue naming its
 * field (`content.sms.text`, `language`).
 */

const tags = ['Collections templates'];
const templateParams = z.object({ templateId: z.string().min(1).max(100) });

function summary(template: TemplateView) {
  return {
    id: template.id, uuid: template.uuid, name: template.name,
    languages: Object.fromEntries(Object.entries(template.languages).map(([language, { latestVersion, versions }]) => [language, {
      latestVersion, versions: versions.map((version) => ({ version: version.version, createdBy: version.createdBy, createdAt: version.createdAt?.toISOString() ?? null })),
    }])),
  };
}

function detail(template: TemplateView) {
  return {
    ...summary(template),
    languages: Object.fromEntries(Object.entries(template.languages).map(([language, { latestVersion, versions }]) => [language, {
      latestVersion, versions: versions.map((version) => ({ ...version, createdAt: version.createdAt?.toISOString() ?? null })),
    }])),
  };
}

function toApiError(error: TemplateVersionError): ApiError {
  if (error.code === 'UNKNOWN_TEMPLATE') return new ApiError('not_found', error.message);
  return new ApiError('validation', error.message, {
    code: 'invalid_template',
    issues: error.problems.map((problem) => ({ path: problem.path.split('.'), code: 'invalid', message: problem.message, location: 'body' as const })),
  });
}

export async function templateManagementRoutes(app: FastifyInstance): Promise<void> {
  await registerFace(app, managementFace, { prefix: '/management/v1' }, async (scope) => {
    scope.get('/collections/templates', { schema: { tags, summary: 'List message templates and their versions per language' } }, async (request) => {
      const templates = await listTemplates(scope.platform.db, requireActor(request).tenant.id);
      return { data: templates.map(summary) };
    });

    scope.get('/collections/templates/:templateId', { schema: { tags, summary: 'A message template with the text of every version', params: templateParams } }, async (request) => {
      const { templateId } = request.params as z.infer<typeof templateParams>;
      if (!isTemplateId(templateId)) throw new ApiError('not_found', `Unknown template ${templateId}`);
      const [template] = await listTemplates(scope.platform.db, requireActor(request).tenant.id, templateId);
      return detail(template!);
    });

    scope.post('/collections/templates/:templateId/versions', {
      schema: { tags, summary: 'Add a version of a template for one language; new messages in that language use it', params: templateParams },
    }, (request, reply) => runMutation(request, reply, async (uow) => {
      const { templateId } = request.params as z.infer<typeof templateParams>;
      const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
      const created = await createTemplateVersion(uow, { templateId, language: body.language, content: body.content });
      if (!created.ok) throw toApiError(created.error);
      return { status: 201, body: { ...created.value, createdAt: created.value.createdAt.toISOString() } };
    }));
  });
}
