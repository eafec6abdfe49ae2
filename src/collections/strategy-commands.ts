// The operator's strategy commands (`tradecredit strategies validate|publish FILE`): validation needs no database;
// publishing opens one transaction with a `system:cli` actor and runs the same use case as the management API,
// answering the version or the reason it was refused, worded for a person at a terminal.
import type { TenantSetup } from '../platform/module.js';
import { err, ok, type Result } from '../platform/result.js';
import { clockFor } from '../platform/services.js';
import type { Tenant } from '../platform/tenants/tenant.js';
import { systemActor, unitOfWork } from '../platform/unit-of-work.js';
import { strategyErrorMessage, type StrategyError } from './domain/strategy/errors.js';
import { publishStrategyFile } from './use-cases/strategies/publish-strategy-file.js';
import { contentHash, readStrategyDocument } from './use-cases/strategies/read-strategy-document.js';

export interface StrategyValidation {
  valid: boolean;
  problems: string[];
  key?: string;
  contentHash?: string;
}

export function validateStrategyText(text: string): StrategyValidation {
  const read = readStrategyDocument(text);
  if (!read.ok) return { valid: false, problems: read.error };
  return { valid: true, problems: [], key: read.value.key, contentHash: contentHash(read.value) };
}

export interface PublishedStrategy {
  tenantId: string;
  key: string;
  version: number;
  status: string;
  contentHash: string;
  /** False when this content was published already: that version is answered, nothing changes. */
  published: boolean;
}

/** Stores the file's document as a new version of its key and publishes it, or answers why not. */
export async function publishStrategyAsStaff(setup: Pick<TenantSetup, 'db' | 'clock'>, tenant: Tenant, text: string): Promise<Result<PublishedStrategy, string>> {
  try {
    const row = await setup.db.transaction(async (tx) => {
      const outcome = await publishStrategyFile(unitOfWork({ tx, tenant, clock: clockFor(setup, tenant), actor: systemActor('cli') }), text);
      if (!outcome.ok) throw new Refused(outcome.error);
      return outcome.value;
    });
    return ok({ tenantId: tenant.id, key: row.row.key, version: row.row.version, status: row.row.status, contentHash: row.row.contentHash, published: row.published });
  } catch (error) {
    if (error instanceof Refused) return err(strategyErrorMessage(error.refusal));
    throw error;
  }
}

/** Carries a refusal out of the transaction so that it rolls back. */
class Refused extends Error {
  constructor(readonly refusal: StrategyError) {
    super(refusal.code);
  }
}
