import type { Executor } from '../../../platform/db/database.js';
import type { ClaimFacts, StrategyDocument } from '../../domain/strategy/document.js';
import { findStrategyVersion } from '../../store/strategies.js';
import { strategyForClaim } from './strategy-for-claim.js';

/** A strategy version a run starts or goes on with. */
export interface StoredStrategy {
  key: string;
  version: number;
  document: StrategyDocument;
}

/*
 * Where runs get their strategies from the stored versions (the shape the runs work reads: choose, load, latest).
 * A run records the key and version it started on and reloads exactly that version, published or since retired;
 * drafts are never run.
 */
export const storedStrategies = {
  /** The strategy a claim that just became ACTIVE runs: the assignment rules (else `default`), latest published resolved now. */
  async choose(db: Executor, tenantId: string, facts: ClaimFacts): Promise<StoredStrategy | undefined> {
    const { strategy } = await strategyForClaim(db, tenantId, facts);
    return strategy ? { key: strategy.key, version: strategy.version, document: strategy.document } : undefined;
  },

  /** A version a run already runs on (published or retired). */
  async load(db: Executor, tenantId: string, key: string, version: number): Promise<StrategyDocument | undefined> {
    const row = await findStrategyVersion(db, tenantId, key, version);
    return row && row.status !== 'draft' ? row.document : undefined;
  },

  /** The newest published version of a key (a `switch` reaction). */
  async latest(db: Executor, tenantId: string, key: string): Promise<StoredStrategy | undefined> {
    const row = await findStrategyVersion(db, tenantId, key, 'latest-published');
    return row ? { key: row.key, version: row.version, document: row.document } : undefined;
  },
};
