import type { AssignmentRules, ClaimFacts } from './document.js';
import { evaluate, isTruthy } from './expressions.js';
import { expressionProblems } from './validate.js';
import type { StrategyProblem } from './problems.js';

/** The strategy a claim gets and why: the rule that matched (its position in `rules`), or the tenant's default. */
export interface StrategyChoice {
  strategyKey: string;
  version: 'latest-published' | number;
  matched: { rule: number; priority: number } | 'default';
}

/**
 * The first rule whose `when` holds for the claim's facts (read as `{"var": "facts.amount"}`, as conditions read them), in ascending `priority` (rules of equal priority in the
 * order written); none → the default strategy, latest published version. A rule whose expression cannot be evaluated
 * over these facts does not match. Pure: the version is resolved against the stored strategies by the caller.
 */
export function chooseStrategy(rules: AssignmentRules, facts: ClaimFacts): StrategyChoice {
  const ordered = rules.rules.map((rule, index) => ({ rule, index })).sort((a, b) => a.rule.priority - b.rule.priority || a.index - b.index);
  for (const { rule, index } of ordered) {
    if (holds(rule.when, facts)) return { strategyKey: rule.strategyKey, version: rule.version, matched: { rule: index, priority: rule.priority } };
  }
  return { strategyKey: rules.defaultStrategyKey, version: 'latest-published', matched: 'default' };
}

function holds(when: AssignmentRules['rules'][number]['when'], facts: ClaimFacts): boolean {
  try {
    return isTruthy(evaluate(when, { facts }));
  } catch {
    return false;
  }
}

/** Which published version a choice names: the newest for `latest-published`, else that number if it is published. */
export function resolveVersion(version: 'latest-published' | number, publishedVersions: readonly number[]): number | null {
  if (version === 'latest-published') return publishedVersions.length === 0 ? null : Math.max(...publishedVersions);
  return publishedVersions.includes(version) ? version : null;
}

/** What the schema cannot say about assignment rules: expressions use only the sandbox's operators. */
export function assignmentRuleProblems(rules: AssignmentRules): StrategyProblem[] {
  return rules.rules.flatMap((rule, index) => expressionProblems(rule.when, ['rules', index, 'when']));
}
