import { err, ok, type Result } from '../../../platform/result.js';
import type { Executor } from '../../../platform/db/database.js';
import type { StrategyError } from '../../domain/strategy/errors.js';
import { unifiedDiff } from '../../domain/strategy/line-diff.js';
import { findStrategyVersion, type StrategyVersionRef } from '../../store/strategies.js';
import { canonicalYaml } from './read-strategy-document.js';
import { versionName } from './shared.js';

export interface StrategyDiff {
  key: string;
  from: number;
  to: number;
  identical: boolean;
  /** Unified diff of the two versions' canonical YAML; empty when identical. */
  diff: string;
}

/** What changed from one version to another, line by line in the canonical YAML, as a code review shows it. */
export async function diffStrategyVersions(
  db: Executor, tenantId: string, key: string, from: StrategyVersionRef, to: StrategyVersionRef,
): Promise<Result<StrategyDiff, StrategyError>> {
  const before = await findStrategyVersion(db, tenantId, key, from);
  if (!before) return err({ code: 'STRATEGY_NOT_FOUND', key, version: from });
  const after = await findStrategyVersion(db, tenantId, key, to);
  if (!after) return err({ code: 'STRATEGY_NOT_FOUND', key, version: to });
  const diff = unifiedDiff(canonicalYaml(before.document), canonicalYaml(after.document), { before: versionName(before), after: versionName(after) });
  return ok({ key, from: before.version, to: after.version, identical: diff === '', diff });
}
