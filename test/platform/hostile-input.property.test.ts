// Property: every operation in /openapi.json, with NUL bytes, invalid percent-encodings and other hostile strings in
// any path parameter, query parameter or body field, never answers 5xx and answers every error in its face's shape.
// Everything comes from the OpenAPI document and the app's own prefix-to-face table, so a new operation joins
// without an edit here; a new face needs its error shape below (the test names the face that lacks one).
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Product } from '../../src/platform/auth/products.js';
import type { ErrorFace, WireFace } from '../../src/platform/http/face.js';
import { anonymousPlatformFace } from '../../src/platform/http/faces/platform-api.js';
import { faceAt } from '../../src/platform/http/register-face.js';
import { describeEachEngine } from '../support/engines.js';
import { atradiusHeaders, credableHeaders, managementHeaders, servicingHeaders } from '../support/faces.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';

type JsonSchema = {
  type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema;
  oneOf?: JsonSchema[]; anyOf?: JsonSchema[]; allOf?: JsonSchema[]; enum?: unknown[]; const?: unknown; format?: string;
  minLength?: number; minimum?: number; minItems?: number;
};
type OpenApiOperation = { parameters?: { in: string; name: string; schema?: JsonSchema }[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } };
type FieldPath = (string | number)[];

/** Where one hostile value goes: a path parameter, a query parameter (documented or not) or a body field. */
type Target =
  | { location: 'path' | 'query'; name: string }
  | { location: 'body'; path: FieldPath; alternative: JsonSchema | undefined };

interface Operation {
  method: string;
  template: string;
  face: ErrorFace | WireFace;
  pathParameters: string[];
  bodySchema: JsonSchema | undefined;
  targets: Target[];
}

/** A value that passes simple schemas (enum, const, formats, minimums), so one hostile field is not the only thing refused. */
function plausible(schema: JsonSchema | undefined, depth = 0): unknown {
  if (!schema || depth > 4) return 'x';
  const alternative = schema.oneOf?.[0] ?? schema.anyOf?.[0] ?? schema.allOf?.[0];
  if (alternative) return plausible(alternative, depth + 1);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object') {
    return Object.fromEntries((schema.required ?? []).map((name) => [name, plausible(schema.properties?.[name], depth + 1)]));
  }
  if (type === 'array') return Array.from({ length: schema.minItems ?? 0 }, () => plausible(schema.items, depth + 1));
  if (type === 'integer' || type === 'number') return schema.minimum ?? 1;
  if (type === 'boolean') return true;
  if (schema.format === 'uri') return 'https://hooks.example.com/hostile';
  if (schema.format === 'uuid') return randomUUID();
  if (schema.format === 'date-time') return '2026-11-22T10:00:00Z';
  return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
}

/** Every field of a body schema (each alternative of a union, nested objects, an array's first item). */
function bodyFields(schema: JsonSchema | undefined, prefix: FieldPath = [], depth = 0): FieldPath[] {
  if (!schema || depth > 3) return [];
  const alternatives = schema.oneOf ?? schema.anyOf ?? schema.allOf;
  if (alternatives) return alternatives.flatMap((alternative) => bodyFields(alternative, prefix, depth + 1));
  if (schema.properties) {
    return Object.entries(schema.properties).flatMap(([name, property]) => [[...prefix, name], ...bodyFields(property, [...prefix, name], depth + 1)]);
  }
  if (schema.items) return [[...prefix, 0], ...bodyFields(schema.items, [...prefix, 0], depth + 1)];
  return [];
}

function alternativeHolding(schema: JsonSchema | undefined, field: FieldPath): JsonSchema | undefined {
  const alternatives = schema?.oneOf ?? schema?.anyOf;
  const name = field[0];
  return alternatives?.find((alternative) => typeof name === 'string' && alternative.properties?.[name] !== undefined) ?? schema;
}

function operationsOf(document: { paths: Record<string, Record<string, OpenApiOperation>> }, service: TestService): Operation[] {
  return Object.entries(document.paths).flatMap(([template, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const parameters = operation.parameters ?? [];
      const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
      const documentedBody: Target[] = bodyFields(bodySchema).map((path) => ({ location: 'body', path, alternative: alternativeHolding(bodySchema, path) }));
      // A body nobody documented still reaches the route's own parsing: a field it does not expect carries the value.
      const body: Target[] = documentedBody.length > 0 ? documentedBody : method === 'get' ? [] : [{ location: 'body', path: ['hostile'], alternative: undefined }];
      const targets: Target[] = [
        ...parameters.filter((parameter) => parameter.in === 'path' || parameter.in === 'query').map((parameter) => ({ location: parameter.in as 'path' | 'query', name: parameter.name })),
        { location: 'query', name: 'hostile' },
        ...body,
      ];
      return {
        method: method.toUpperCase(),
        template,
        face: faceAt(service.app, template) ?? anonymousPlatformFace,
        pathParameters: parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name),
        bodySchema,
        targets,
      };
    }),
  );
}

/** Each face's documented error body. A face without an entry fails the test by name. */
const drfTree: z.ZodType = z.lazy(() => z.record(z.string(), z.union([z.array(z.strictObject({ message: z.string(), code: z.string() })).min(1), drfTree])));
const ERROR_SHAPES: Record<string, z.ZodType> = {
  credable: z.union([z.strictObject({ message: z.string(), code: z.string() }), drfTree]),
  receeve: z.strictObject({ error: z.string().min(1), message: z.string() }),
  atradius: z.strictObject({
    errors: z.array(z.strictObject({ status: z.string(), code: z.string(), title: z.string(), detail: z.string(), source: z.object({}).passthrough().optional() })).min(1),
  }),
  platform: z.strictObject({
    error: z.strictObject({ code: z.string(), message: z.string(), issues: z.array(z.strictObject({ path: z.array(z.union([z.string(), z.number()])), code: z.string(), message: z.string() })).optional() }),
  }),
};
const SHAPE_OF_FACE: Record<string, keyof typeof ERROR_SHAPES | 'html'> = {
  'credable-connect': 'credable', 'credable-reinsure': 'credable', 'credable-insure': 'credable', receeve: 'receeve',
  'atradius-cover': 'atradius', 'atradius-nonpayment': 'atradius', management: 'platform', sandbox: 'platform',
  backoffice: 'platform', platform: 'platform', 'browser-page': 'html',
};

interface RawResponse { status: number; contentType: string; text: string }

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

/** Sends the path exactly as given (fetch would normalise `..` and re-encode), so the server sees the hostile bytes. */
function rawRequest(base: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: url.hostname, port: url.port, method, path, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

function setAt(target: Record<string, unknown>, path: FieldPath, value: unknown): Record<string, unknown> {
  let node: Record<string | number, unknown> = target;
  path.slice(0, -1).forEach((segment, index) => {
    const next = node[segment];
    if (typeof next !== 'object' || next === null) node[segment] = typeof path[index + 1] === 'number' ? [] : {};
    node = node[segment] as Record<string | number, unknown>;
  });
  node[path[path.length - 1] as string | number] = value;
  return target;
}

/** Percent-encodes any string, lone surrogates included (encodeURIComponent refuses those), as their WTF-8 bytes. */
function percentEncode(text: string): string {
  return Array.from(text, (character) => {
    try {
      return encodeURIComponent(character);
    } catch {
      const code = character.charCodeAt(0);
      return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
    }
  }).join('');
}

/** Already percent-encoded as they go on the wire: each must be refused (4xx) wherever it is put. */
const REFUSED_IN_URL = ['%00', 'a%00b', '%zz', '%', '%ED%A0%80', '%C0%AF'];
const REFUSED_IN_BODY = ['\u0000', 'a\u0000b', '\uD800'];

const hostileInUrl = fc.oneof(
  fc.constantFrom(...REFUSED_IN_URL),
  fc.constantFrom('..', '%2e%2e', '%2F', '%2F..%2F..%2Fetc%2Fpasswd', '%25', '%25%30%30', '%2B', '+', '%20', '%0D%0AX-Injected:%201', '%09',
    '%EF%BF%BF', '%F0%9F%98%80', '%E2%80%AE', "'%20OR%201%3D1--", '%3Cscript%3E', '-1', '0', '1e309', 'NaN', 'null', '%5B%5D', '%7B%7D',
    '__proto__', 'constructor', 'x'.repeat(101), 'x'.repeat(4000), 'x'.repeat(20_000)),
  fc.string({ maxLength: 60 }).map(percentEncode),
  fc.string({ unit: 'binary', maxLength: 30 }).map(percentEncode),
  fc.uint8Array({ maxLength: 12 }).map((bytes) => Array.from(bytes, (byte) => `%${byte.toString(16).padStart(2, '0')}`).join('')),
);
const hostileInBody = fc.oneof(
  fc.constantFrom<unknown>(...REFUSED_IN_BODY),
  fc.constantFrom<unknown>('\uDFFF', '%00', '%zz', '', ' ', 'x'.repeat(100_000), -1, 0, 1e308, -1e308, 2 ** 63, 1.5, true, null, [], {},
    ['\u0000'], { nested: '\u0000' }, '2026-02-30', '9999-12-31T23:59:59Z', "' OR 1=1 --", '<script>alert(1)</script>', '__proto__'),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.jsonValue({ maxDepth: 2 }),
);

describeEachEngine('hostile input on every operation of /openapi.json', (engine) => {
  let service: TestService;
  let tenant: TestTenant;
  let operations: Operation[];
  const credentials = new Map<string, Record<string, string>>();

  beforeAll(async () => {
    service = await startTestService({ engine, env: { RATE_LIMIT_PER_MINUTE: '0' } });
    tenant = await service.createTenant();
    const byProduct: Record<Product, () => Promise<Record<string, string>> | Record<string, string>> = {
      servicing: () => servicingHeaders(service, tenant),
      connect: () => credableHeaders(tenant, 'connect'),
      reinsure: () => credableHeaders(tenant, 'reinsure'),
      insure: () => credableHeaders(tenant, 'insure'),
      cover: () => atradiusHeaders(service, tenant, 'cover'),
      nonpayment: () => atradiusHeaders(service, tenant, 'nonpayment'),
      management: () => managementHeaders(tenant),
      staff: () => ({ authorization: `Bearer ${tenant.sheet.credentials.staff.apiKey}` }),
    };
    for (const [product, headers] of Object.entries(byProduct)) credentials.set(product, await headers());
    const document = await rawRequest(service.url, 'GET', '/openapi.json', {});
    operations = operationsOf(JSON.parse(document.text) as Parameters<typeof operationsOf>[0], service);
  });
  afterAll(async () => service?.stop());

  /** The face's credential, so the hostile value reaches validation and the route (a face for any product takes management's). */
  function credentialFor(face: ErrorFace | WireFace): Record<string, string> {
    if (!('products' in face)) return {};
    const product = face.products === 'any' ? 'management' : face.products[0];
    return credentials.get(product ?? 'management') ?? {};
  }

  function requestFor(operation: Operation, target: Target, value: unknown) {
    const pathValue = (name: string) => (target.location === 'path' && target.name === name ? String(value) : name === 'clientId' ? tenant.tenant.clientId : randomUUID());
    const path = operation.template.replace(/\{([^}]+)\}/g, (_match, name: string) => pathValue(name));
    const query = target.location === 'query' ? `?${encodeURIComponent(target.name)}=${String(value)}` : '';
    const headers: Record<string, string> = { ...credentialFor(operation.face) };
    let body: string | undefined;
    if (operation.method !== 'GET' && operation.method !== 'DELETE') {
      const base = target.location === 'body' ? plausible(target.alternative) : plausible(operation.bodySchema);
      const object = typeof base === 'object' && base !== null && !Array.isArray(base) ? (base as Record<string, unknown>) : {};
      body = JSON.stringify(target.location === 'body' ? setAt(object, target.path, value) : object);
      headers['content-type'] = 'application/json';
    }
    return { path: `${path}${query}`, headers, body };
  }

  function expectFaceAnswer(operation: Operation, target: Target, value: unknown, response: RawResponse, refused: boolean): void {
    const what = `${operation.method} ${operation.template} ${target.location}:${target.location === 'body' ? target.path.join('.') : target.name}=${JSON.stringify(value).slice(0, 80)} → ${response.status} ${response.text.slice(0, 300)}`;
    expect(response.status, what).toBeLessThan(500);
    if (refused) expect(response.status, what).toBeGreaterThanOrEqual(400);
    if (response.status < 400) return;
    const shape = SHAPE_OF_FACE[operation.face.name];
    expect(shape, `declare the error shape of face "${operation.face.name}" in ERROR_SHAPES`).toBeDefined();
    if (shape === 'html') {
      expect(response.contentType, what).toMatch(/^text\/html/);
      expect(response.text, what).toMatch(/^<!doctype html>/i);
      return;
    }
    expect(response.contentType, what).toMatch(/^application\/json/);
    const parsed = ERROR_SHAPES[shape as keyof typeof ERROR_SHAPES]!.safeParse(JSON.parse(response.text));
    expect(parsed.success, `${what}\n${parsed.error?.message ?? ''}`).toBe(true);
  }

  async function probe(operation: Operation, target: Target, value: unknown, refused: boolean): Promise<void> {
    const { path, headers, body } = requestFor(operation, target, value);
    const response = await rawRequest(service.url, operation.method, path, headers, body);
    expectFaceAnswer(operation, target, value, response, refused);
  }

  it('the OpenAPI document lists the operations of every face', () => {
    const faces = new Set(operations.map((operation) => operation.face.name));
    for (const face of ['credable-connect', 'credable-reinsure', 'credable-insure', 'receeve', 'atradius-cover', 'management', 'sandbox', 'backoffice']) {
      expect(faces).toContain(face);
    }
    expect(operations.length).toBeGreaterThan(50);
  });

  it('the credential of each operation\'s face is accepted, so hostile values reach validation and the route', async () => {
    for (const operation of operations) {
      const { path, headers, body } = requestFor(operation, { location: 'query', name: 'benign' }, 'x');
      const response = await rawRequest(service.url, operation.method, path, headers, body);
      expect([401, 403], `${operation.method} ${operation.template} → ${response.status} ${response.text.slice(0, 200)}`).not.toContain(response.status);
    }
  });

  it('refuses a NUL byte or an invalid percent-encoding in every parameter and body field of every operation', async () => {
    for (const operation of operations) {
      for (const target of operation.targets) {
        const values = target.location === 'body' ? REFUSED_IN_BODY : REFUSED_IN_URL;
        for (const value of values) await probe(operation, target, value, true);
      }
    }
  }, 300_000);

  it('answers any hostile value anywhere below 500, in the face\'s shape', async () => {
    const all = operations.flatMap((operation) => operation.targets.map((target) => ({ operation, target })));
    const pick = fc.integer({ min: 0, max: all.length - 1 });
    await fc.assert(fc.asyncProperty(pick, hostileInUrl, hostileInBody, async (index, inUrl, inBody) => {
      const { operation, target } = all[index]!;
      await probe(operation, target, target.location === 'body' ? inBody : inUrl, false);
    }), { numRuns: 400 });
  }, 300_000);

  it('the browser pages answer hostile addresses and forms with an HTML page, never 5xx', async () => {
    const pages = ['/app/sign-policy/{id}', '/app/connect/purchase/{token}'];
    for (const template of pages) {
      const operation: Operation = { method: 'GET', template, face: faceAt(service.app, template) ?? anonymousPlatformFace, pathParameters: [], bodySchema: undefined, targets: [] };
      const name = /\{([^}]+)\}/.exec(template)![1]!;
      for (const value of REFUSED_IN_URL) {
        await probe(operation, { location: 'path', name }, value, true);
        await probe(operation, { location: 'query', name: 'hostile' }, value, true);
      }
      const path = template.replace(/\{[^}]+\}/, randomUUID());
      for (const form of ['name=%00', 'name=%zz', 'email=a%00b', '%zz=1']) {
        const response = await rawRequest(service.url, 'POST', path, { 'content-type': 'application/x-www-form-urlencoded', origin: service.config.publicBaseUrl }, form);
        expectFaceAnswer({ ...operation, method: 'POST' }, { location: 'body', path: ['form'], alternative: undefined }, form, response, true);
      }
    }
  });
});
