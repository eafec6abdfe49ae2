import { readFileSync } from 'node:fs';
import type { Transaction } from '../../../platform/db/database.js';
import { chooseStrategy, resolveVersion } from '../../domain/strategy/assignment.js';
import type { AssignmentRules, ClaimFacts, StrategyDocument } from '../../domain/strategy/document.js';
import { parseDocumentText, readStrategyDocument } from '../strategies/read-strategy-document.js';

/*
 * Where a run gets its strategy. The running service reads the stored versions (storedStrategies, with the tenant's
 * assignment rules); InMemoryStrategies serves pure runs without a database's strategy tables (the property and race
 * tests, the bench's simulation baseline): per tenant (or for every tenant, '*') a list of versions of each key, the
 * first registered key being the tenant's default. A run records the key and version it started on and always
 * reloads that version.
 */

export interface ResolvedStrategy {
  key: string;
  version: number;
  document: StrategyDocument;
}

export interface StrategySource {
  /** The strategy a claim that just became ACTIVE runs (assignment rules, else the tenant's default). */
  choose(tx: Transaction, tenantId: string, facts: ClaimFacts): Promise<ResolvedStrategy | undefined>;
  /** A version a run already runs on. */
  load(tx: Transaction, tenantId: string, key: string, version: number): Promise<StrategyDocument | undefined>;
  /** The newest version of a key (a `switch` reaction). */
  latest(tx: Transaction, tenantId: string, key: string): Promise<ResolvedStrategy | undefined>;
}

export class InMemoryStrategies implements StrategySource {
  readonly #byTenant = new Map<string, Map<string, StrategyDocument[]>>();
  readonly #rules = new Map<string, AssignmentRules>();

  /** Adds the next version of `document.key` for a tenant ('*': every tenant); returns its version number. */
  publish(tenantId: string, document: StrategyDocument): number {
    const keys = this.#byTenant.get(tenantId) ?? new Map<string, StrategyDocument[]>();
    this.#byTenant.set(tenantId, keys);
    const versions = keys.get(document.key) ?? [];
    keys.set(document.key, versions);
    versions.push(structuredClone(document));
    return versions.length;
  }

  /** Makes `key` the tenant's default (it moves to the front). */
  makeDefault(tenantId: string, key: string): void {
    const keys = this.#byTenant.get(tenantId);
    const versions = keys?.get(key);
    if (!keys || !versions) throw new Error(`No strategy ${key} for ${tenantId}`);
    keys.delete(key);
    this.#byTenant.set(tenantId, new Map([[key, versions], ...keys]));
  }

  #keysOf(tenantId: string): Map<string, StrategyDocument[]> | undefined {
    return this.#byTenant.get(tenantId) ?? this.#byTenant.get('*');
  }

  /** The tenant's assignment rules (chooseStrategy: first matching rule, else the default key). */
  setRules(tenantId: string, rules: AssignmentRules): void {
    this.#rules.set(tenantId, structuredClone(rules));
  }

  async choose(tx: Transaction, tenantId: string, facts: ClaimFacts): Promise<ResolvedStrategy | undefined> {
    const rules = this.#rules.get(tenantId);
    if (rules) {
      const choice = chooseStrategy(rules, facts);
      const versions = (this.#byTenant.get(tenantId)?.get(choice.strategyKey) ?? this.#byTenant.get('*')?.get(choice.strategyKey) ?? []).map((_, index) => index + 1);
      const version = resolveVersion(choice.version, versions);
      const document = version === null ? undefined : await this.load(tx, tenantId, choice.strategyKey, version);
      if (version !== null && document) return { key: choice.strategyKey, version, document };
    }
    const first = this.#keysOf(tenantId)?.keys().next().value;
    return first === undefined ? undefined : this.latest(tx, tenantId, first);
  }

  async load(_tx: Transaction, tenantId: string, key: string, version: number): Promise<StrategyDocument | undefined> {
    return (this.#byTenant.get(tenantId)?.get(key) ?? this.#byTenant.get('*')?.get(key))?.[version - 1];
  }

  async latest(_tx: Transaction, tenantId: string, key: string): Promise<ResolvedStrategy | undefined> {
    const versions = this.#byTenant.get(tenantId)?.get(key) ?? this.#byTenant.get('*')?.get(key);
    if (!versions || versions.length === 0) return undefined;
    return { key, version: versions.length, document: versions[versions.length - 1]! };
  }
}

/** The shipped default strategy (src/collections/strategies/default.yaml), read and validated once. */
export function shippedDefaultStrategy(): StrategyDocument {
  const text = readFileSync(new URL('../../strategies/default.yaml', import.meta.url), 'utf8');
  const parsed = parseDocumentText(text);
  const document = parsed.ok ? readStrategyDocument(parsed.value) : parsed;
  if (!document.ok) throw new Error(`The shipped default strategy is invalid: ${document.error.join('; ')}`);
  return document.value;
}
