import { createHash } from 'node:crypto';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { parse as parseYaml, stringify as stringifyYaml, YAMLParseError } from 'yaml';
import type { AssignmentRules, StrategyDocument } from '../../domain/strategy/document.js';
import { assignmentRulesSchema, strategyDocumentSchema } from '../../domain/strategy/document-schema.js';
import { canonicalDocument } from '../../domain/strategy/canonical.js';
import { assignmentRuleProblems } from '../../domain/strategy/assignment.js';
import { semanticProblems } from '../../domain/strategy/validate.js';
import { describeProblem, problem, type StrategyProblem } from '../../domain/strategy/problems.js';
import { err, ok, type Result } from '../../../platform/result.js';

/*
 * Reading a strategy document as a client or the CLI sends it: YAML or JSON text (or an already parsed value), its
 * shape checked by the published JSON Schema (ajv), then what the schema cannot say (validate.ts). Every problem is
 * one line naming the step and field: `steps[3] (id "remind-2").next: no step "remind-3"`.
 */
export const MAX_DOCUMENT_CHARS = 256 * 1024;

const ajv = new Ajv2020({ allErrors: true, discriminator: true, verbose: true, strict: true });
ajv.addVocabulary(['x-error']);
const validateDocumentShape: ValidateFunction = ajv.compile(strategyDocumentSchema);
const validateRulesShape: ValidateFunction = ajv.compile(assignmentRulesSchema);

export type DocumentFormat = 'yaml' | 'json';

/** Parses YAML or JSON text (JSON is YAML, so one parser reads both); the problem when it cannot. */
export function parseDocumentText(text: string): Result<unknown, string[]> {
  if (text.length > MAX_DOCUMENT_CHARS) return err([`(document): longer than ${MAX_DOCUMENT_CHARS} characters`]);
  if (text.trim() === '') return err(['(document): empty']);
  try {
    return ok(parseYaml(text, { uniqueKeys: true, maxAliasCount: 100, prettyErrors: true }));
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const where = error.linePos?.[0];
      return err([`(document)${where ? ` line ${where.line}, column ${where.col}` : ''}: ${error.message.split('\n')[0]}`]);
    }
    throw error;
  }
}

/** A valid strategy document in its canonical form, or every problem found, each described on one line. */
export function readStrategyDocument(input: unknown): Result<StrategyDocument, string[]> {
  const parsed = typeof input === 'string' ? parseDocumentText(input) : ok(input);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  const unstorable = unstorableProblems(value, []);
  if (unstorable.length > 0) return err(describeAll(value, unstorable));
  if (!validateDocumentShape(value)) return err(describeAll(value, schemaProblems(validateDocumentShape.errors ?? [])));
  const document = value as StrategyDocument;
  const problems = semanticProblems(document);
  if (problems.length > 0) return err(describeAll(document, problems));
  return ok(canonicalDocument(document));
}

export function readAssignmentRules(input: unknown): Result<AssignmentRules, string[]> {
  const unstorable = unstorableProblems(input, []);
  if (unstorable.length > 0) return err(describeAll(input, unstorable));
  if (!validateRulesShape(input)) return err(describeAll(input, schemaProblems(validateRulesShape.errors ?? [])));
  const rules = input as AssignmentRules;
  const problems = assignmentRuleProblems(rules);
  if (problems.length > 0) return err(describeAll(rules, problems));
  return ok(rules);
}

/** Text PostgreSQL cannot store (a NUL, an unpaired surrogate: a YAML escape can make either), in values or keys. */
function unstorableProblems(value: unknown, path: (string | number)[], depth = 0): StrategyProblem[] {
  if (depth > 64) return [problem(path, 'nests deeper than 64 levels')];
  if (typeof value === 'string') return storable(value) ? [] : [problem(path, 'must not contain a NUL character or an unpaired UTF-16 surrogate')];
  if (Array.isArray(value)) return value.flatMap((item, index) => unstorableProblems(item, [...path, index], depth + 1));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    storable(key) ? unstorableProblems(item, [...path, key], depth + 1) : [problem(path, 'has a field name with a NUL character or an unpaired UTF-16 surrogate')]);
}

function storable(text: string): boolean {
  return !text.includes('\u0000') && text.isWellFormed();
}

function describeAll(document: unknown, problems: readonly StrategyProblem[]): string[] {
  return [...new Set(problems.map((found) => describeProblem(document, found)))];
}

/** ajv's errors as problems at the field they are about; a `oneOf`'s branch noise is replaced by its one message. */
function schemaProblems(errors: readonly ErrorObject[]): StrategyProblem[] {
  const oneOfPaths = new Set(errors.filter((error) => error.keyword === 'oneOf').map((error) => error.instancePath));
  return errors
    .filter((error) => error.keyword === 'oneOf' || !oneOfPaths.has(error.instancePath))
    .map((error) => problem(pathOf(error), messageOf(error)));
}

function pathOf(error: ErrorObject): (string | number)[] {
  const path = error.instancePath.split('/').slice(1).map((segment) => {
    const name = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(name) ? Number(name) : name;
  });
  if (error.keyword === 'required') path.push(String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties') path.push(String(error.params.additionalProperty));
  if (error.keyword === 'discriminator') path.push(String(error.params.tag));
  return path;
}

function messageOf(error: ErrorObject): string {
  const schema = error.parentSchema as { 'x-error'?: string; description?: string } | undefined;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a field here';
    case 'discriminator':
      return error.params.error === 'tag' && error.params.tagValue === undefined
        ? 'is required'
        : `${JSON.stringify(error.params.tagValue)} is not a step type; use one of: message, wait, condition, split, escalate, end`;
    case 'enum':
      return `must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}`;
    case 'oneOf':
    case 'pattern':
      return schema?.['x-error'] ?? error.message ?? 'is not valid';
    default:
      return error.message ?? 'is not valid';
  }
}

/**
 * The canonical YAML of a valid document: what the management API shows and diffs. Written so that YAML 1.1 readers
 * (many tools still are) read the same values as our 1.2 reader: `"20:00"`, `"on"`, `"yes"` are quoted.
 */
export function canonicalYaml(document: StrategyDocument): string {
  return stringifyYaml(canonicalDocument(document), { lineWidth: 0, aliasDuplicateObjects: false, version: '1.1' });
}

/** sha256 of the canonical JSON: the same strategy written differently (YAML or JSON, any field order) hashes alike. */
export function contentHash(document: StrategyDocument): string {
  return createHash('sha256').update(JSON.stringify(canonicalDocument(document))).digest('hex');
}
