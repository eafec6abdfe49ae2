import jsonLogic from 'json-logic-js';
import type { Expression } from './document.js';

/*
 * Conditions and assignment rules are JSON Logic (json-logic-js): data, not code, so a strategy can be diffed and
 * reviewed and can never run anything but these operators. `{"var": "facts.path"}` reads a fact.
 */
const ALLOWED_OPERATORS = new Set([
  'var', 'missing', 'missing_some', '==', '===', '!=', '!==', '!', '!!', 'or', 'and', 'if', '?:',
  '>', '>=', '<', '<=', 'max', 'min', '+', '-', '*', '/', '%', 'in', 'cat', 'substr', 'merge', 'all', 'none', 'some',
]);

/** The operators of `expression` that this sandbox does not allow, with the JSON path where each was found. */
export function unknownOperators(expression: unknown, path = ''): { operator: string; path: string }[] {
  if (Array.isArray(expression)) return expression.flatMap((item, index) => unknownOperators(item, `${path}/${index}`));
  if (expression === null || typeof expression !== 'object') return [];
  const entries = Object.entries(expression as Record<string, unknown>);
  if (entries.length !== 1) return [{ operator: entries.map(([key]) => key).join(',') || '{}', path }];
  const [operator, argument] = entries[0]!;
  const inner = unknownOperators(argument, `${path}/${operator}`);
  return ALLOWED_OPERATORS.has(operator) ? inner : [{ operator, path }, ...inner];
}

/** Evaluates a validated expression over `data`; truthiness as JSON Logic defines it. */
export function evaluate(expression: Expression, data: object): unknown {
  return jsonLogic.apply(expression as jsonLogic.RulesLogic, data);
}

export function isTruthy(value: unknown): boolean {
  return jsonLogic.truthy(value);
}
