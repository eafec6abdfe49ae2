// The changes one use case makes to a locked case, collected before one write: each move is checked against the
// transition tables (domain/case-state.ts) on the state the earlier moves left, so a chain such as
// SUBMITTED → OPEN with the claim NOT_CLAIMED → SUBMITTED → IN_ASSESSMENT is legal row by row.
import { type Result, ok } from '../../platform/result.js';
import type { UnitOfWork, WriteOrigin } from '../../platform/unit-of-work.js';
import type { CaseEvent, ClaimEvent } from '../domain/case-state.js';
import type { CaseError } from '../domain/errors.js';
import { fastWriteAll, type FastWrite } from '../../platform/db/fast-query.js';
import { type CaseRow, type NewCaseRow, caseUpdateWrite } from '../store.js';
import type { CasesContext } from '../context.js';
import { issueLettersForChanges } from './issue-letters-for-changes.js';
import { caseChangesWrites, caseMove, claimMove, type StatusChange } from './shared.js';

export class CaseDraft {
  #row: CaseRow;
  /** Whether #row is this draft's own copy yet (made at the first put; later puts change it in place). */
  #copied = false;
  readonly #set: Partial<NewCaseRow> = {};
  readonly #changes: StatusChange[] = [];

  constructor(private readonly original: CaseRow) {
    this.#row = original;
  }

  /** The case as the moves so far leave it (the draft's own object: later moves change it, the original row never). */
  get row(): CaseRow {
    return this.#row;
  }

  get changed(): boolean {
    return this.#changes.length > 0 || Object.keys(this.#set).length > 0;
  }

  /** Sets columns (a key given as undefined is left as it is, as an update leaves it). */
  put(set: Partial<NewCaseRow>): this {
    if (!this.#copied) {
      this.#row = { ...this.#row };
      this.#copied = true;
    }
    const row = this.#row as Record<string, unknown>;
    const collected = this.#set as Record<string, unknown>;
    for (const key in set) {
      const value = (set as Record<string, unknown>)[key];
      if (value === undefined) continue;
      collected[key] = value;
      row[key] = value;
    }
    return this;
  }

  note(change: StatusChange): this {
    this.#changes.push(change);
    return this;
  }

  caseEvent(event: CaseEvent): Result<this, CaseError> {
    const move = caseMove(this.#row, event);
    if (!move.ok) return move;
    this.put(move.value.set).note(move.value.change);
    return ok(this);
  }

  claimEvent(event: ClaimEvent, reason: string | null = null): Result<this, CaseError> {
    const move = claimMove(this.#row, event, reason);
    if (!move.ok) return move;
    this.put(move.value.set).note(move.value.change);
    return ok(this);
  }

  /**
   * Writes the collected columns and records the changes (history, events, audit) in one round trip, then issues the
   * letters they call for (issue-letters-for-changes.ts); nothing when nothing changed. The row answered is the
   * locked row with the moves applied: nothing is read back.
   */
  async save(uow: UnitOfWork, ctx: CasesContext, action: string): Promise<CaseRow> {
    if (!this.changed) return this.original;
    const { updated, update, record } = this.writes(uow, action);
    await fastWriteAll(uow.tx, [update, ...record]);
    if (this.#changes.length > 0) await issueLettersForChanges(uow, ctx, updated, this.#changes);
    return updated;
  }

  /**
   * What save writes, for a caller that sends it itself: the case's update (the row as it will be: `updated`) and the
   * record of its changes; letters are the caller's (lettersWithoutReads over `changes`).
   */
  writes(origin: WriteOrigin, action: string): { updated: CaseRow; set: Partial<NewCaseRow>; update: FastWrite; record: FastWrite[]; changes: readonly StatusChange[] } {
    const set = { ...this.#set, updatedAt: origin.now };
    const updated = { ...this.#row, updatedAt: origin.now };
    const record = this.#changes.length > 0 ? caseChangesWrites(origin, updated, action, this.#changes) : [];
    return { updated, set, update: caseUpdateWrite(this.original, set), record, changes: this.#changes };
  }
}
