import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../../platform/http/api-error.js';
import { requireActor, runMutation } from '../../platform/http/mutation.js';
import { assignmentRulesSchema, strategyDocumentSchema } from '../domain/strategy/document-schema.js';
import { strategyErrorMessage, type StrategyError } from '../domain/strategy/errors.js';
import { STRATEGY_STATUSES } from '../domain/strategy/lifecycle.js';
import type { Result } from '../../platform/result.js';
import type { AssignmentRulesRow, StrategyRow, StrategyVersionRef } from '../store/strategies.js';
import { createStrategyDraft } from '../use-cases/strategies/create-strategy-draft.js';
import { diffStrategyVersions } from '../use-cases/strategies/diff-strategy-versions.js';
import { getAssignmentRules } from '../use-cases/strategies/get-assignment-rules.js';
import { getStrategyVersion } from '../use-cases/strategies/get-strategy-version.js';
import { listStrategies } from '../use-cases/strategies/list-strategies.js';
import { publishStrategy } from '../use-cases/strategies/publish-strategy.js';
import { canonicalYaml, contentHash, MAX_DOCUMENT_CHARS, readStrategyDocument } from '../use-cases/strategies/read-strategy-document.js';
import { replaceStrategyDraft } from '../use-cases/strategies/replace-strategy-draft.js';
import { retireStrategy } from '../use-cases/strategies/retire-strategy.js';
import { setAssignmentRules } from '../use-cases/strategies/set-assignment-rules.js';

/*
 * Strategies on the management face (/management/v1): drafts, validation, diffs, publishing, retiring, and the
 * tenant's assignment rules. Documents are sent as JSON (`application/json`) or YAML (`application/yaml`); errors
 * are the platform's `{"error":{code,message,issues}}`: 404 unknown strategy or version (another tenant's too),
 * 409 a status that does not allow the action, 422 a document or rules with problems, each naming step and field.
 */
const tags = ['Strategies'];
const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'];
const YAML_CONTENT_TYPE = 'application/yaml; charset=utf-8';
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const versionRef = z.string().regex(/^(latest-published|[1-9][0-9]{0,8})$/, 'must be a version number or latest-published');
const keyParams = z.object({ key: z.string().regex(ID, 'must be a strategy key') });
const versionParams = keyParams.extend({ version: versionRef });
const numberedVersionParams = keyParams.extend({ version: z.coerce.number().int().min(1).max(999_999_999) });
const formatQuery = z.object({ format: z.enum(['json', 'yaml']).default('json') });
const listQuery = z.object({
  key: z.string().regex(ID, 'must be a strategy key').optional(),
  status: z.enum(STRATEGY_STATUSES as [string, ...string[]]).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const diffQuery = z.object({ from: versionRef, to: versionRef, format: z.enum(['json', 'diff']).default('json') });

const DOCUMENT_BODY = 'The strategy document as JSON (`Content-Type: application/json`) or YAML (`Content-Type: application/yaml`); its JSON Schema is at /schemas/strategy.json.';

export function strategySchemaRoutes(publicBaseUrl: string) {
  return async (scope: FastifyInstance): Promise<void> => {
    const options = { config: { public: true }, schema: { tags, summary: 'The JSON Schema of a strategy document' } };
    scope.get('/strategy.json', options, async () => ({ $id: `${publicBaseUrl}/schemas/strategy.json`, ...strategyDocumentSchema }));
    scope.get('/strategy-assignment.json', { ...options, schema: { tags, summary: 'The JSON Schema of assignment rules' } }, async () =>
      ({ $id: `${publicBaseUrl}/schemas/strategy-assignment.json`, ...assignmentRulesSchema }));
  };
}

export async function managementStrategyRoutes(scope: FastifyInstance): Promise<void> {
  scope.addContentTypeParser(YAML_TYPES, { parseAs: 'string', bodyLimit: MAX_DOCUMENT_CHARS * 4 }, (_request, body, done) => done(null, body));

  scope.get('/strategies', { schema: { tags, summary: 'Strategy versions (without their documents), by key and version', querystring: listQuery } }, async (request) => {
    const query = request.query as z.infer<typeof listQuery>;
    const rows = await listStrategies(scope.platform.db, tenantOf(request), query as Parameters<typeof listStrategies>[2]);
    return { data: rows.map((row) => renderVersion(row)) };
  });

  scope.post('/strategies', { schema: { tags, summary: 'Create a draft: the next version of the document\'s key', description: `${DOCUMENT_BODY} The same content again answers the existing draft or published version (200) instead of a copy.` } }, (request, reply) =>
    runMutation(request, reply, async (uow) => {
      const draft = answer(await createStrategyDraft(uow, request.body));
      return { status: draft.created ? 201 : 200, body: renderVersion(draft.row, { document: true }) };
    }));

  scope.post('/strategies/validate', { schema: { tags, summary: 'Validate a document without saving it', description: `${DOCUMENT_BODY} Answers 200 with \`valid\` and every problem, each naming the step and field.` } }, async (request) => {
    const read = readStrategyDocument(request.body);
    if (!read.ok) return { valid: false, problems: read.error };
    return { valid: true, problems: [], key: read.value.key, contentHash: contentHash(read.value), canonical: canonicalYaml(read.value) };
  });

  scope.get('/strategies/:key/versions/:version', { schema: { tags, summary: 'One version (a number or latest-published), as JSON or as its canonical YAML', params: versionParams, querystring: formatQuery } }, async (request, reply) => {
    const { key, version } = request.params as z.infer<typeof versionParams>;
    const { format } = request.query as z.infer<typeof formatQuery>;
    const row = answer(await getStrategyVersion(scope.platform.db, tenantOf(request), key, parseVersion(version)));
    if (format === 'yaml') return reply.type(YAML_CONTENT_TYPE).send(canonicalYaml(row.document));
    return renderVersion(row, { document: true });
  });

  scope.put('/strategies/:key/versions/:version', { schema: { tags, summary: 'Replace a draft\'s document (a published version never changes)', description: DOCUMENT_BODY, params: numberedVersionParams } }, (request, reply) =>
    runMutation(request, reply, async (uow) => {
      const { key, version } = request.params as z.infer<typeof numberedVersionParams>;
      return { status: 200, body: renderVersion(answer(await replaceStrategyDraft(uow, key, version, request.body)), { document: true }) };
    }));

  scope.post('/strategies/:key/versions/:version/publish', { schema: { tags, summary: 'Publish a draft: immutable from now on; latest-published names it', params: numberedVersionParams } }, (request, reply) =>
    runMutation(request, reply, async (uow) => {
      const { key, version } = request.params as z.infer<typeof numberedVersionParams>;
      return { status: 200, body: renderVersion(answer(await publishStrategy(uow, key, version))) };
    }));

  scope.post('/strategies/:key/versions/:version/retire', { schema: { tags, summary: 'Retire a published version: no new run starts on it, runs on it finish', params: numberedVersionParams } }, (request, reply) =>
    runMutation(request, reply, async (uow) => {
      const { key, version } = request.params as z.infer<typeof numberedVersionParams>;
      return { status: 200, body: renderVersion(answer(await retireStrategy(uow, key, version))) };
    }));

  scope.get('/strategies/:key/diff', { schema: { tags, summary: 'A line diff of two versions\' canonical YAML (unified format)', params: keyParams, querystring: diffQuery } }, async (request, reply) => {
    const { key } = request.params as z.infer<typeof keyParams>;
    const query = request.query as z.infer<typeof diffQuery>;
    const diff = answer(await diffStrategyVersions(scope.platform.db, tenantOf(request), key, parseVersion(query.from), parseVersion(query.to)));
    if (query.format === 'diff') return reply.type('text/x-diff; charset=utf-8').send(diff.diff);
    return diff;
  });

  scope.get('/strategy-assignment', { schema: { tags, summary: 'The tenant\'s assignment rules' } }, async (request) => {
    const row = await getAssignmentRules(scope.platform.db, tenantOf(request));
    if (!row) throw new ApiError('not_found', 'No assignment rules are set: every claim gets the latest published version of the strategy "default"', { code: 'assignment_rules_not_found' });
    return renderRules(row);
  });

  scope.put('/strategy-assignment', { schema: { tags, summary: 'Replace the tenant\'s assignment rules', description: 'JSON `{rules:[{priority, when, strategyKey, version}], defaultStrategyKey}`; schema at /schemas/strategy-assignment.json. The first rule in ascending priority whose `when` holds wins; none: the default strategy. Every strategy named must be published.' } }, (request, reply) =>
    runMutation(request, reply, async (uow) => ({ status: 200, body: renderRules(answer(await setAssignmentRules(uow, request.body))) })));
}

function tenantOf(request: FastifyRequest): string {
  return requireActor(request).tenant.id;
}

function parseVersion(text: string): StrategyVersionRef {
  return text === 'latest-published' ? text : Number(text);
}

/** The value of a use case's result, or its error in the management face's words. */
function answer<T>(result: Result<T, StrategyError>): T {
  if (result.ok) return result.value;
  throw strategyApiError(result.error);
}

function strategyApiError(error: StrategyError): ApiError {
  const message = strategyErrorMessage(error);
  switch (error.code) {
    case 'INVALID_DOCUMENT':
      return new ApiError('unprocessable', firstLines(message), { code: 'invalid_strategy', issues: issues(error.problems) });
    case 'INVALID_ASSIGNMENT_RULES':
      return new ApiError('unprocessable', firstLines(message), { code: 'invalid_assignment_rules', issues: issues(error.problems) });
    case 'STRATEGY_NOT_FOUND':
      return new ApiError('not_found', message, { code: 'strategy_not_found' });
    case 'KEY_MISMATCH':
      return new ApiError('unprocessable', message, { code: 'key_mismatch', issues: [{ path: ['key'], code: 'invalid', message: `must be "${error.expected}"` }] });
    case 'INVALID_TRANSITION':
      return new ApiError('invalid_state', message, { code: 'invalid_status' });
    case 'STRATEGY_IN_USE':
      return new ApiError('conflict', message, { code: 'strategy_in_use' });
  }
}

/** "N problem(s): the first one" on one line; every problem is in `issues`. */
function firstLines(message: string): string {
  const [head, first] = message.split('\n');
  return `${head} ${first!.trim()}`;
}

function issues(problems: readonly string[]) {
  return problems.map((message) => ({ path: [] as string[], code: 'invalid', message }));
}

function renderVersion(row: Omit<StrategyRow, 'document'> & { document?: StrategyRow['document'] }, options: { document?: boolean } = {}) {
  return {
    id: row.id, key: row.key, version: row.version, status: row.status, name: row.name, contentHash: row.contentHash,
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null, retiredAt: row.retiredAt?.toISOString() ?? null,
    ...(options.document ? { document: row.document } : {}),
  };
}

function renderRules(row: AssignmentRulesRow) {
  return { ...row.rules, revision: row.revision, updatedAt: row.updatedAt.toISOString() };
}
