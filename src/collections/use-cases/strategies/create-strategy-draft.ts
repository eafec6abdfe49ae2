import { err, ok, type Result } from '../../../platform/result.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import type { StrategyError } from '../../domain/strategy/errors.js';
import { insertStrategyVersion, lockStrategyKey, versionsOfKey, type StrategyRow } from '../../store/strategies.js';
import { contentHash, readStrategyDocument } from './read-strategy-document.js';
import { newStrategyId, recordStrategyChange } from './shared.js';

export interface DraftOutcome {
  row: StrategyRow;
  /** False when a draft or published version with the same content already existed and is answered instead. */
  created: boolean;
}

/**
 * Stores a valid document as the next version of its key, as a draft. The same content sent again (byte for byte or
 * written differently) answers the existing draft or published version rather than numbering a copy; content equal
 * to a retired version makes a new draft, the way to bring it back.
 */
export async function createStrategyDraft(uow: UnitOfWork, input: unknown): Promise<Result<DraftOutcome, StrategyError>> {
  const read = readStrategyDocument(input);
  if (!read.ok) return err({ code: 'INVALID_DOCUMENT', problems: read.error });
  const document = read.value;
  const hash = contentHash(document);
  await lockStrategyKey(uow.tx, uow.tenant.id, document.key);
  const versions = await versionsOfKey(uow.tx, uow.tenant.id, document.key);
  const same = versions.find((row) => row.contentHash === hash && row.status !== 'retired');
  if (same) return ok({ row: same, created: false });
  const row = await insertStrategyVersion(uow.tx, {
    id: newStrategyId(), tenantId: uow.tenant.id, key: document.key, version: (versions.at(-1)?.version ?? 0) + 1, status: 'draft',
    name: document.name, document, contentHash: hash, createdAt: uow.now, updatedAt: uow.now,
  });
  await recordStrategyChange(uow, row, 'strategy.draft_created');
  return ok({ row, created: true });
}
