import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The shipped default strategy's text (src/collections/strategies/default.yaml; the same path from dist/). */
export const DEFAULT_STRATEGY_FILE = fileURLToPath(new URL('../../../src/collections/strategies/default.yaml', import.meta.url));

export function defaultStrategyText(): string {
  return readFileSync(DEFAULT_STRATEGY_FILE, 'utf8');
}
