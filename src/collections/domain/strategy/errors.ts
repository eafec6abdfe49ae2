import type { StrategyAction, StrategyStatus } from './lifecycle.js';

/** Every way a strategy use case refuses, as values; the management API maps them to 404, 409 and 422. */
export type StrategyError =
  | { readonly code: 'INVALID_DOCUMENT'; readonly problems: readonly string[] }
  | { readonly code: 'INVALID_ASSIGNMENT_RULES'; readonly problems: readonly string[] }
  | { readonly code: 'STRATEGY_NOT_FOUND'; readonly key: string; readonly version?: number | 'latest-published' }
  | { readonly code: 'KEY_MISMATCH'; readonly expected: string; readonly found: string }
  | { readonly code: 'INVALID_TRANSITION'; readonly key: string; readonly version: number; readonly status: StrategyStatus; readonly action: StrategyAction }
  | { readonly code: 'STRATEGY_IN_USE'; readonly key: string; readonly version: number; readonly reason: string };


const ACTION_NEEDS: Record<StrategyAction, string> = {
  publish: 'only a draft can be published',
  retire: 'only a published version can be retired',
  replace: 'only a draft can be changed; create a new version instead',
};

/** One sentence saying what was refused and why, for the management API and the CLI alike. */
export function strategyErrorMessage(error: StrategyError): string {
  switch (error.code) {
    case 'INVALID_DOCUMENT':
      return `The strategy document has ${error.problems.length} problem(s):\n${error.problems.map((line) => `  ${line}`).join('\n')}`;
    case 'INVALID_ASSIGNMENT_RULES':
      return `The assignment rules have ${error.problems.length} problem(s):\n${error.problems.map((line) => `  ${line}`).join('\n')}`;
    case 'STRATEGY_NOT_FOUND':
      return error.version === undefined ? `No strategy "${error.key}"` : `No version ${error.version} of strategy "${error.key}"`;
    case 'KEY_MISMATCH':
      return `The document's key is "${error.found}" but this is strategy "${error.expected}"`;
    case 'INVALID_TRANSITION':
      return `${error.key}@${error.version} is ${error.status}: ${ACTION_NEEDS[error.action]}`;
    case 'STRATEGY_IN_USE':
      return `${error.key}@${error.version} cannot be retired: ${error.reason}; change the assignment rules first`;
  }
}
