import { CHANNELS } from './document.js';

/*
 * The published JSON Schema (draft 2020-12) of a strategy document, served at GET /schemas/strategy.json. It states
 * the shape; what a schema cannot say (step ids that resolve, reachability, cycles, durations, expressions) is
 * checked by `semanticProblems` (validate.ts). Every object is closed (`additionalProperties: false`), so a
 * misspelt field is an error rather than silently ignored. Limits keep any one document small.
 */
export const MAX_STEPS = 200;
export const MAX_REACTIONS = 50;
export const MAX_ARMS = 20;

const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$';
const TIME_PATTERN = '^([01][0-9]|2[0-3]):[0-5][0-9]$';
const ID_ERROR = 'must be an id: a letter or digit, then letters, digits, "-", "_" or "." (at most 64)';
const stepId = { type: 'string', pattern: ID_PATTERN, 'x-error': ID_ERROR, description: 'The id of a step of this document.' };
const key = { type: 'string', pattern: ID_PATTERN, 'x-error': ID_ERROR };
const time = { type: 'string', pattern: TIME_PATTERN, 'x-error': 'must be a time HH:MM (24 h)' };
const channel = { enum: CHANNELS };
const expression = {
  description: 'A JSON Logic rule over the claim facts (true, false or an object with one operator).',
  'x-error': 'must be true, false or a JSON Logic rule: an object with exactly one operator',
  oneOf: [{ type: 'boolean' }, { type: 'object', minProperties: 1, maxProperties: 1 }],
};
const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength });

function stepSchema(type: string, description: string, properties: Record<string, unknown>, required: string[]) {
  return {
    type: 'object',
    description,
    properties: { id: stepId, type: { const: type }, ...properties },
    required: ['id', 'type', ...required],
    additionalProperties: false,
  };
}

const messageStep = stepSchema('message', 'Renders and stores a message from a template, then goes to next.', {
  channel,
  template: { type: 'string', pattern: '^[a-z0-9][a-z0-9_.-]{0,63}$', 'x-error': 'must be a template id: lowercase letters, digits, "-", "_" or "." (at most 64)' },
  fallbacks: { type: 'array', items: channel, maxItems: 2, uniqueItems: true },
  sendWindow: {
    type: 'object',
    properties: { from: time, to: time, weekends: { type: 'boolean' } },
    required: ['from', 'to'],
    additionalProperties: false,
  },
  next: stepId,
}, ['channel', 'template', 'next']);

const waitStep = stepSchema('wait', 'Waits for a duration, until a claim date, or for an event, whichever comes first.', {
  duration: { type: 'string', maxLength: 40, description: 'ISO 8601 duration, e.g. P7D' },
  until: { type: 'string', maxLength: 80, description: 'A claim date plus or minus a duration, e.g. "dueDate + P14D"' },
  orEvent: text(100),
  onEvent: stepId,
  next: stepId,
}, ['next']);

const conditionStep = stepSchema('condition', 'Branches on a JSON Logic expression over the claim facts.', {
  if: expression, then: stepId, else: stepId,
}, ['if', 'then', 'else']);

const splitStep = stepSchema('split', 'A/B test: the arm is chosen by hash(claimReference, seed).', {
  seed: text(100),
  arms: {
    type: 'array',
    minItems: 2,
    maxItems: MAX_ARMS,
    items: {
      type: 'object',
      properties: { name: key, weight: { type: 'number', exclusiveMinimum: 0 }, next: stepId },
      required: ['name', 'weight', 'next'],
      additionalProperties: false,
    },
  },
}, ['seed', 'arms']);

const escalateStep = stepSchema('escalate', 'Marks the claim escalated and emits an event; ends the run unless next is given.', {
  to: { enum: ['agency', 'legal', 'insurer'] }, next: stepId,
}, ['to']);

const endStep = stepSchema('end', 'Ends the run.', { resolution: text(100) }, []);

export const STEP_TYPES = ['message', 'wait', 'condition', 'split', 'escalate', 'end'] as const;

const reaction = {
  type: 'object',
  properties: {
    on: text(100),
    do: {
      'x-error': 'must be one of {goto: <step id>}, {switch: <strategy key>}, {pause: true}, {stop: <reason>}',
      oneOf: [
        { type: 'object', properties: { goto: stepId }, required: ['goto'], additionalProperties: false },
        { type: 'object', properties: { switch: key }, required: ['switch'], additionalProperties: false },
        { type: 'object', properties: { pause: { const: true } }, required: ['pause'], additionalProperties: false },
        { type: 'object', properties: { stop: text(100) }, required: ['stop'], additionalProperties: false },
      ],
    },
  },
  required: ['on', 'do'],
  additionalProperties: false,
};

export const strategyDocumentSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Tradecredit collections strategy',
  description: 'A versioned collections strategy (shared/spec/collections.md §1). The first step is where a run starts.',
  type: 'object',
  properties: {
    key: { ...key, description: 'The strategy\'s key; versions of one strategy share it.' },
    name: text(200),
    description: { type: 'string', maxLength: 2000 },
    steps: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_STEPS,
      items: {
        type: 'object',
        properties: { type: { type: 'string', description: 'message, wait, condition, split, escalate or end' } },
        required: ['type'],
        discriminator: { propertyName: 'type' },
        oneOf: [messageStep, waitStep, conditionStep, splitStep, escalateStep, endStep],
      },
    },
    reactions: { type: 'array', maxItems: MAX_REACTIONS, items: reaction },
    guards: {
      type: 'object',
      properties: {
        contactCapPerWeek: { type: 'integer', minimum: 1, maximum: 100 },
        quietHours: {
          type: 'object',
          properties: { from: time, to: time },
          required: ['from', 'to'],
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
  },
  required: ['key', 'name', 'steps'],
  additionalProperties: false,
} as const;

export const MAX_ASSIGNMENT_RULES = 100;

/** The schema of a tenant's assignment rules (AssignmentRules in document.ts). */
export const assignmentRulesSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Tradecredit strategy assignment rules',
  type: 'object',
  properties: {
    rules: {
      type: 'array',
      maxItems: MAX_ASSIGNMENT_RULES,
      items: {
        type: 'object',
        properties: {
          priority: { type: 'integer', minimum: 0, maximum: 1000000 },
          when: expression,
          strategyKey: key,
          version: { 'x-error': 'must be "latest-published" or a version number', oneOf: [{ const: 'latest-published' }, { type: 'integer', minimum: 1 }] },
        },
        required: ['priority', 'when', 'strategyKey', 'version'],
        additionalProperties: false,
      },
    },
    defaultStrategyKey: key,
  },
  required: ['rules', 'defaultStrategyKey'],
  additionalProperties: false,
} as const;
