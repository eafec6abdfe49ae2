import type { StrategyDocument } from './document.js';
import { isRecord } from './problems.js';

/*
 * One canonical form per strategy, so two versions diff by what changed and not by how they were typed: fields in a
 * fixed reading order (a step's id and type first, where it goes last), absent optional fields left out. The content
 * hash and the canonical YAML are both taken from this form.
 */
const DOCUMENT_ORDER = ['key', 'name', 'description', 'guards', 'steps', 'reactions'];
const STEP_ORDER = [
  'id', 'type', 'channel', 'template', 'fallbacks', 'sendWindow', 'duration', 'until', 'orEvent', 'onEvent', 'if', 'seed', 'arms', 'to',
  'resolution', 'then', 'else', 'next',
];
const NESTED_ORDER: Record<string, string[]> = {
  sendWindow: ['from', 'to', 'weekends'],
  quietHours: ['from', 'to'],
  guards: ['contactCapPerWeek', 'quietHours'],
  arm: ['name', 'weight', 'next'],
  reaction: ['on', 'do'],
};

export function canonicalDocument(document: StrategyDocument): StrategyDocument {
  const ordered = ordering(document as unknown as Record<string, unknown>, DOCUMENT_ORDER);
  ordered.steps = document.steps.map((step) => {
    const orderedStep = ordering(step as unknown as Record<string, unknown>, STEP_ORDER);
    if (isRecord(orderedStep.sendWindow)) orderedStep.sendWindow = ordering(orderedStep.sendWindow, NESTED_ORDER.sendWindow!);
    if (Array.isArray(orderedStep.arms)) orderedStep.arms = orderedStep.arms.map((arm) => ordering(arm as Record<string, unknown>, NESTED_ORDER.arm!));
    if ('if' in orderedStep) orderedStep.if = sortedKeys(orderedStep.if);
    return orderedStep;
  });
  if (isRecord(ordered.guards)) {
    const guards = ordering(ordered.guards, NESTED_ORDER.guards!);
    if (isRecord(guards.quietHours)) guards.quietHours = ordering(guards.quietHours, NESTED_ORDER.quietHours!);
    ordered.guards = guards;
  }
  if (Array.isArray(ordered.reactions)) ordered.reactions = ordered.reactions.map((reaction) => ordering(reaction as Record<string, unknown>, NESTED_ORDER.reaction!));
  return ordered as unknown as StrategyDocument;
}

/** The fields of `value` in `order`, then any others alphabetically (there are none in a valid document). */
function ordering(value: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const keys = Object.keys(value).filter((key) => value[key] !== undefined);
  const known = order.filter((key) => keys.includes(key));
  const rest = keys.filter((key) => !order.includes(key)).sort();
  return Object.fromEntries([...known, ...rest].map((key) => [key, value[key]]));
}

/** Expressions keep their operator's argument order (it matters) but objects inside are sorted, for a stable hash. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortedKeys(value[key])]));
}
