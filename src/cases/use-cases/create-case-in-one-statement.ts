// `POST /cases` without a transaction (runOptimisticMutation): one unlocked read of everything a new case rests on (the
// policy with the buyer's cover under it, the registry buyer, and the case's number), the same decision createCase
// takes, and one statement writing the case, its transactions, notes, history row, event and audit row, guarded by the
// case's own insert: the unique index on an open case per (policy, buyer) refuses a second one, and then nothing is written.
// A case without a claim needs no cover on the buyer, so it skips the read: its insert checks the policy and the buyer
// itself, and its number comes from the numbers drawn ahead (case-numbers.ts).
import { fastGuardedWriteAll } from '../../platform/db/fast-query.js';
import type { SingleStatementWork } from '../../platform/unit-of-work.js';
import type { CasesContext } from '../context.js';
import { type CaseInput, type NewCase, checkNewCase } from '../domain/case-input.js';
import { isClaimType } from '../domain/codes.js';
import { type CaseRow, caseInsertGuard, checkedCaseInsertGuard, newCaseRowAsStored, readCreationSnapshot } from '../store.js';
import { caseNumberPool } from '../case-numbers.js';
import { coverOnBuyer, newCaseValues, newCaseWrites } from './create-case.js';
import { spansOf, todayOf } from './shared.js';

/**
 * The case created in one statement (as createCase answers it), or null when it must take the transaction (createCase),
 * having written nothing: any refusal (which createCase words), including an open case on the (policy, buyer).
 */
export async function tryCreateCaseInOneStatement(work: SingleStatementWork, ctx: CasesContext, input: CaseInput): Promise<CaseRow | null> {
  const today = todayOf(work, ctx);
  const checked = checkNewCase(input, today);
  if (!checked.ok) return null;
  const facts = checked.value;
  if (!isClaimType(facts.caseType)) return createCaseWithoutRead(work, facts, today);
  const snapshot = await readCreationSnapshot(work.db, work.tenant.id, facts);
  if (snapshot.caseNumber === null || !snapshot.cover || !snapshot.buyer) return null;
  if (!coverOnBuyer(snapshot.cover.policy, spansOf(snapshot.cover.periods, ctx), today)) return null;
  const values = { ...newCaseValues(work, facts, snapshot.buyer.name, today), caseNumber: snapshot.caseNumber };
  // The row as the insert stores it (nothing is read back); its record (history, event, audit) is written from it.
  const stored = newCaseRowAsStored(values);
  const written = await fastGuardedWriteAll(work.db, caseInsertGuard(values), newCaseWrites(work, stored, facts));
  return written ? stored : null;
}

/**
 * A case without a claim in one statement and no read: the insert itself checks what the read would have (the
 * tenant's policy is the customer's and in the currency, the buyer is known and rated) and copies the buyer's name.
 */
async function createCaseWithoutRead(work: SingleStatementWork, facts: NewCase, today: string): Promise<CaseRow | null> {
  const numbers = caseNumberPool(work.db);
  const caseNumber = await numbers.take(work.db);
  const values = { ...newCaseValues(work, facts, '', today), caseNumber };
  let buyerName = '';
  const guard = checkedCaseInsertGuard(values, (rows) => { buyerName = String(rows[0]!.buyer_name); });
  const stored = newCaseRowAsStored(values);
  const written = await fastGuardedWriteAll(work.db, guard, newCaseWrites(work, stored, facts));
  if (!written) {
    numbers.giveBack(caseNumber);
    return null;
  }
  return { ...stored, buyerName };
}
