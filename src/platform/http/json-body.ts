import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { ApiError } from './api-error.js';
import { describeUnstorable } from './hostile-input.js';

/**
 * JSON bodies are parsed with prototype-poisoning protection, and strings PostgreSQL cannot store (NUL characters,
 * unpaired UTF-16 surrogates) are refused as malformed JSON up front instead of failing deep inside a query.
 */
export function installJsonBodyParser(app: FastifyInstance, bodyLimit: number, options: { allowEmpty?: boolean } = {}): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (_request, body, done) => {
    const text = body as string;
    if (text.length === 0 && options.allowEmpty) {
      done(null, undefined);
      return;
    }
    if (text.length === 0) {
      done(new ApiError('malformed_json', "JSON parse error - Body cannot be empty when content-type is set to 'application/json'"), undefined);
      return;
    }
    let parsed: unknown;
    try {
      parsed = secureJson.parse(text, undefined, { protoAction: 'remove', constructorAction: 'remove' });
    } catch (error) {
      done(new ApiError('malformed_json', `JSON parse error - ${(error as Error).message}`), undefined);
      return;
    }
    const problem = findUnstorableString(parsed);
    if (problem) {
      done(new ApiError('malformed_json', `JSON parse error - ${problem}`), undefined);
      return;
    }
    done(null, parsed);
  });
}

function findUnstorableString(value: unknown, depth = 0): string | undefined {
  if (depth > 64) return 'nesting deeper than 64 levels';
  if (typeof value === 'string') return describeString(value);
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = findUnstorableString(item, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    // for…in rather than Object.keys: no array per object (parsed JSON objects have no inherited enumerable keys).
    for (const key in object) {
      const problem = describeString(key) ?? findUnstorableString(object[key], depth + 1);
      if (problem) return problem;
    }
  }
  return undefined;
}

function describeString(text: string): string | undefined {
  const problem = describeUnstorable(text);
  return problem === undefined ? undefined : `a string ${problem}`;
}
