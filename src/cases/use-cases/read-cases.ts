// Reads of the Non-Payments API: a case with its transactions, notes and history, and the filtered listing. Due
// timers of what is read fire first (lazy evaluation, DESIGN.md §3), each in the same exactly-once way as the sweeper.
import { type Result, err, ok } from '../../platform/result.js';
import type { Database } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import type { Tenant } from '../../platform/tenants/tenant.js';
import { type ActorRef, unitOfWork } from '../../platform/unit-of-work.js';
import type { CasesContext } from '../context.js';
import { caseNumberOf, letterNumberOf } from '../domain/codes.js';
import { type LetterRow, findLetter, lettersOf } from '../letters-store.js';
import type { CaseError } from '../domain/errors.js';
import {
  type CaseEventRow, type CaseFilter, type CaseRow, type NoteRow, type RecoveryRow, type TransactionRow,
  caseEventsOf, dueCaseNumbers, findCase, listCaseRows, lockCase, notesOf, recoveriesOf, transactionsOf,
} from '../store.js';
import { TIMERS } from '../domain/timers.js';
import { catchUpLocked, isDue } from './fire-case-timer.js';

export interface CaseDetails {
  readonly row: CaseRow;
  readonly transactions: TransactionRow[];
  readonly notes: NoteRow[];
  readonly events: CaseEventRow[];
  readonly letters: LetterRow[];
  /** The recoveries after indemnity, each with its insurer/insured split. */
  readonly recoveries: RecoveryRow[];
}

function anyDue(row: CaseRow, now: Date): boolean {
  return TIMERS.some((timer) => isDue(row, timer, now));
}

/** Who reads, on which clock: each catch-up runs in a unit of work of its own, opened only when something is due. */
export interface Reader {
  readonly tenant: Tenant;
  readonly clock: Clock;
  readonly actor: ActorRef;
  readonly requestId?: string | undefined;
}

async function catchUpNumber(db: Database, reader: Reader, ctx: CasesContext, caseNumber: number): Promise<void> {
  await db.transaction(async (tx) => {
    const uow = unitOfWork({ tx, tenant: reader.tenant, clock: reader.clock, actor: reader.actor, requestId: reader.requestId });
    const row = await lockCase(tx, reader.tenant.id, caseNumber);
    if (row) await catchUpLocked(uow, ctx, row);
  });
}

/** Fires the due timers of one case before it is read. */
export async function catchUpCase(db: Database, reader: Reader, ctx: CasesContext, caseId: string): Promise<void> {
  const caseNumber = caseNumberOf(caseId);
  if (caseNumber === null) return;
  const peek = await findCase(db, reader.tenant.id, caseNumber);
  if (peek && anyDue(peek, reader.clock.now())) await catchUpNumber(db, reader, ctx, caseNumber);
}

/** Decision: a listing catches up at most this many cases first; the sweeper does the rest. */
export const LISTING_CATCH_UP_LIMIT = 200;

/** Fires the due timers of the tenant's cases before a listing. */
export async function catchUpTenant(db: Database, reader: Reader, ctx: CasesContext): Promise<void> {
  for (const caseNumber of await dueCaseNumbers(db, reader.tenant.id, reader.clock.now(), LISTING_CATCH_UP_LIMIT)) {
    await catchUpNumber(db, reader, ctx, caseNumber);
  }
}

export async function caseDetails(db: Database, tenantId: string, caseId: string): Promise<Result<CaseDetails, CaseError>> {
  const caseNumber = caseNumberOf(caseId);
  if (caseNumber === null) return err({ code: 'CASE_NOT_FOUND' });
  const row = await findCase(db, tenantId, caseNumber);
  if (!row) return err({ code: 'CASE_NOT_FOUND' });
  const [transactions, notes, events, letters, recoveries] = await Promise.all([
    transactionsOf(db, tenantId, caseNumber), notesOf(db, tenantId, caseNumber), caseEventsOf(db, tenantId, caseNumber), lettersOf(db, tenantId, caseNumber),
    recoveriesOf(db, tenantId, caseNumber),
  ]);
  return ok({ row, transactions, notes, events, letters, recoveries });
}

/** One letter of the tenant's case; an unknown or malformed id, and another tenant's or case's letter, are alike. */
export async function caseLetter(db: Database, tenantId: string, caseId: string, letterId: string): Promise<Result<LetterRow, CaseError>> {
  const caseNumber = caseNumberOf(caseId);
  const letterNumber = letterNumberOf(letterId);
  if (caseNumber === null) return err({ code: 'CASE_NOT_FOUND' });
  if (letterNumber === null) return err({ code: 'LETTER_NOT_FOUND' });
  if (!(await findCase(db, tenantId, caseNumber))) return err({ code: 'CASE_NOT_FOUND' });
  const letter = await findLetter(db, tenantId, caseNumber, letterNumber);
  return letter ? ok(letter) : err({ code: 'LETTER_NOT_FOUND' });
}

export async function listCases(db: Database, filter: CaseFilter): Promise<{ rows: CaseRow[]; totalItems: number | null }> {
  return listCaseRows(db, filter);
}
