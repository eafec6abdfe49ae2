/*
 * A stored strategy version's life: a draft may be replaced and published; a published version is immutable and may
 * be retired (runs already on it keep it; no new run starts on it); a retired version stays readable for ever.
 */
export type StrategyStatus = 'draft' | 'published' | 'retired';
export type StrategyAction = 'publish' | 'retire' | 'replace';
export const STRATEGY_STATUSES: readonly StrategyStatus[] = ['draft', 'published', 'retired'];

const TRANSITIONS: Record<StrategyAction, { from: StrategyStatus; to: StrategyStatus }> = {
  replace: { from: 'draft', to: 'draft' },
  publish: { from: 'draft', to: 'published' },
  retire: { from: 'published', to: 'retired' },
};

/** The status after `action`, or null when the version's status does not allow it. */
export function transition(status: StrategyStatus, action: StrategyAction): StrategyStatus | null {
  const rule = TRANSITIONS[action];
  return rule.from === status ? rule.to : null;
}
