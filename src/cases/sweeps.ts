import type { Logger } from 'pino';
import { executeRaw } from '../platform/db/database.js';
import type { Sweep } from '../platform/sweeper/sweeper.js';
import { dueInTenantTimeSql, tenantRowSweep } from '../platform/sweeper/tenant-sweeps.js';
import type { CasesContext } from './context.js';
import { TIMERS, type Timer } from './domain/timers.js';
import { nextLetterRenderAt } from './domain/letter-retry.js';
import { claimUnrenderedLetters, deferLetterRender, letterToRender, type UnrenderedLetter } from './letters-store.js';
import { fireCaseTimer, timerActor } from './use-cases/fire-case-timer.js';
import { renderUnrenderedLetter } from './use-cases/render-letter.js';

interface DueCase {
  case_number: string | number;
  tenant_id: string;
}

const COLUMNS: Record<Timer, string> = {
  eligibility: 'eligibility_due_at', documents: 'documents_due_at', assessment: 'assessment_due_at',
  loss: 'loss_due_at', payment: 'payment_due_at', legal: 'legal_due_at',
};

/**
 * One sweep per timer of spec §6.7 (eligibility, documents, assessment, date of loss, indemnity payment, legal
 * phase). Each `*_due_at` is in tenant time: a row is due at system time plus its tenant's test-clock offset, so a
 * sandbox that advances its clock sees its cases move by themselves. The row is claimed FOR UPDATE SKIP LOCKED and
 * its column cleared in the same transaction: each timer fires once however many sweepers run.
 */
export function caseTimerSweep(ctx: CasesContext, timer: Timer, batchSize = 500): Sweep<DueCase> {
  const column = `c.${COLUMNS[timer]}`;
  return tenantRowSweep<DueCase>({
    name: `cases-${timer}`,
    batchSize,
    actorId: timerActor(timer).id,
    async claimDue(tx, now, limit) {
      return await executeRaw(tx, `
        SELECT c.case_number, c.tenant_id FROM nonpayment_cases c JOIN tenants t ON t.id = c.tenant_id
        WHERE ${column} IS NOT NULL AND ${dueInTenantTimeSql(column, 't', '$1')}
        ORDER BY ${column} LIMIT $2
        FOR UPDATE OF c SKIP LOCKED`, [now.toISOString(), limit]) as DueCase[];
    },
    async fireRow(uow, row) {
      await fireCaseTimer(uow, ctx, Number(row.case_number), timer);
    },
  });
}

export function caseTimerSweeps(ctx: CasesContext): Sweep<DueCase>[] {
  return TIMERS.map((timer) => caseTimerSweep(ctx, timer));
}

/** Letters a batch renders: each takes milliseconds of CPU while the batch's transaction holds the letters' rows. */
const LETTER_BATCH = 20;

/**
 * Renders the letters issued since the last pass (issue-letter.ts stores a letter without its PDF): each claimed
 * letter's PDF is stored, its `.eml` queued and `letter.issued` appended in the claiming transaction, and the store
 * is guarded by the letter having no PDF yet, so a letter is rendered, mailed and announced once however many sweepers
 * run. A letter that fails to render is rolled back to its savepoint, logged, and deferred with a growing backoff
 * (domain/letter-retry.ts), so it is not tried again on every pass and a batch of failing letters holds up no other.
 */
export function letterRenderSweep(ctx: CasesContext, logger: Logger, batchSize = LETTER_BATCH): Sweep<UnrenderedLetter> {
  return tenantRowSweep<UnrenderedLetter>({
    name: 'cases-letters',
    batchSize,
    actorId: 'letter-render',
    claimDue: (tx, now, limit) => claimUnrenderedLetters(tx, now, limit),
    async fireRow(uow, row) {
      const key = { tenantId: row.tenant_id, caseNumber: Number(row.case_number), letterNumber: Number(row.letter_number) };
      try {
        await uow.tx.transaction(async (savepoint) => renderUnrenderedLetter(savepoint, ctx, uow.tenant, uow.now, letterToRender(row)));
      } catch (error) {
        const failures = Number(row.render_failures) + 1;
        const retryAt = nextLetterRenderAt(uow.now, failures);
        await deferLetterRender(uow.tx, key, failures, retryAt);
        logger.error({ err: error, letterNumber: key.letterNumber, failures, retryAt }, 'letter render failed; it will be tried again after its backoff');
      }
    },
  });
}
