import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, type FieldIssue } from './api-error.js';

/**
 * What PostgreSQL cannot store in text (a NUL character; an unpaired UTF-16 surrogate, which no valid UTF-8 decodes
 * to but a JSON `\ud800` escape does) is refused at the edge, before any query sees it: in path parameters, in the
 * query string and in form bodies. JSON bodies are checked by their parser (json-body.ts).
 */
export function describeUnstorable(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain a NUL character';
  if (!text.isWellFormed()) return 'must not contain an unpaired UTF-16 surrogate';
  return undefined;
}

type Location = NonNullable<FieldIssue['location']>;

/** One `name=value` of a urlencoded string, decoded strictly (`+` is a space); undefined when its escapes are invalid. */
function decodeComponent(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}

export interface UrlEncodedPair {
  name: string;
  value: string;
}

/**
 * Decodes `a=1&b=2` strictly: an invalid percent-encoding (`%zz`, bytes that are not UTF-8) or an unstorable
 * character is a validation issue naming the field, where the lenient parsers would pass the raw text on.
 */
export function decodeUrlEncoded(text: string, location: Location): { pairs: UrlEncodedPair[]; issues: FieldIssue[] } {
  const pairs: UrlEncodedPair[] = [];
  const issues: FieldIssue[] = [];
  for (const part of text.split('&')) {
    if (part.length === 0) continue;
    const separator = part.indexOf('=');
    const rawName = separator === -1 ? part : part.slice(0, separator);
    const rawValue = separator === -1 ? '' : part.slice(separator + 1);
    const name = decodeComponent(rawName);
    const value = decodeComponent(rawValue);
    const label = name !== undefined && describeUnstorable(name) === undefined ? name : rawName.slice(0, 100);
    if (name === undefined || value === undefined) {
      issues.push({ path: [label], location, code: 'invalid_encoding', message: 'is not a valid percent-encoding of UTF-8 text' });
      continue;
    }
    const problem = describeUnstorable(name) ?? describeUnstorable(value);
    if (problem) {
      issues.push({ path: [label], location, code: 'invalid', message: problem });
      continue;
    }
    pairs.push({ name, value });
  }
  return { pairs, issues };
}

/** A form body as Fastify's form parser shapes it (a repeated field becomes an array), refusing what decodeUrlEncoded refuses. */
export function parseFormBody(text: string): Record<string, string | string[]> {
  const { pairs, issues } = decodeUrlEncoded(text, 'body');
  if (issues.length > 0) throw new ApiError('validation', 'Invalid form body', { issues });
  const form: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const { name, value } of pairs) {
    const existing = form[name];
    form[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return form;
}

function pathParameterIssues(request: FastifyRequest): FieldIssue[] {
  const params = request.params as Record<string, unknown> | undefined;
  if (!params) return [];
  const issues: FieldIssue[] = [];
  for (const [name, value] of Object.entries(params)) {
    const problem = typeof value === 'string' ? describeUnstorable(value) : undefined;
    if (problem) issues.push({ path: [name], location: 'params', code: 'invalid', message: problem });
  }
  return issues;
}

function queryIssues(request: FastifyRequest): FieldIssue[] {
  const start = request.url.indexOf('?');
  return start === -1 ? [] : decodeUrlEncoded(request.url.slice(start + 1), 'query').issues;
}

/**
 * Refuses, for every route of every face, path parameters and query values PostgreSQL cannot store or that are not
 * valid percent-encodings, as a validation error the route's face writes in its own shape. It runs where Fastify
 * validates (after authentication and body parsing), so the order of answers matches a schema violation.
 */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const issues = [...pathParameterIssues(request), ...queryIssues(request)];
    if (issues.length > 0) throw new ApiError('validation', 'Invalid request', { issues });
  });
}
