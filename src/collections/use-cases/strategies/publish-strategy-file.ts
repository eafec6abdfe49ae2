import { ok, type Result } from '../../../platform/result.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import type { StrategyError } from '../../domain/strategy/errors.js';
import type { StrategyRow } from '../../store/strategies.js';
import { createStrategyDraft } from './create-strategy-draft.js';
import { publishStrategy } from './publish-strategy.js';

/**
 * `tradecredit strategies publish FILE`: the document stored as a new version and published in one transaction. The
 * same content published already answers that version unchanged (`published: false`), so running it twice is safe.
 */
export async function publishStrategyFile(uow: UnitOfWork, text: string): Promise<Result<{ row: StrategyRow; published: boolean }, StrategyError>> {
  const draft = await createStrategyDraft(uow, text);
  if (!draft.ok) return draft;
  if (draft.value.row.status === 'published') return ok({ row: draft.value.row, published: false });
  const published = await publishStrategy(uow, draft.value.row.key, draft.value.row.version);
  return published.ok ? ok({ row: published.value, published: true }) : published;
}
