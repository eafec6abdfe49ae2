import pino from 'pino';
import { executeRaw, type DatabaseHandle, type Executor } from '../src/platform/db/database.js';
import { JobQueue } from '../src/platform/jobs/queue.js';
import { MAIL_QUEUE } from '../src/platform/mail/outbox.js';
import type { StrategyDocument } from '../src/collections/domain/strategy/document.js';
import { startPosition } from '../src/collections/domain/strategy/interpreter.js';
import type { MessageSender } from '../src/collections/use-cases/runs/run-workspace.js';
import { runMessageSender } from '../src/collections/use-cases/runs/run-messages.js';

/*
 * Seeds servicing claims and their collections runs straight in SQL (generate_series), for the race test and the
 * collections benchmark: `count` ACTIVE claims `<prefix><n>` and a run for each at the first step of `strategy`,
 * due at `now`. Claims' due dates step back one day per claim over `spreadDays`, so a real strategy's claims stand
 * at different places.
 */
export async function seedDueRuns(db: Executor, options: {
  tenantId: string; prefix: string; count: number; now: Date; strategy: StrategyDocument; version?: number; spreadDays?: number; withPhone?: boolean;
}): Promise<void> {
  const { tenantId, prefix, count, now, strategy } = options;
  const spread = Math.max(1, options.spreadDays ?? 1);
  const contact = options.withPhone ? `'country','DE','email','d' || g || '@example.com','mobileNumber','+4915550' || g` : `'country','DE','email','d' || g || '@example.com'`;
  await executeRaw(db, `
    INSERT INTO servicing_claims (tenant_id, claim_reference, account_reference, managed, status, receeve_claim_ref, data, debtor_reference, created_at, updated_at)
    SELECT $1::uuid, $2 || g, 'ACC-' || g, false, 'ACTIVE', $2 || g || '-due',
      jsonb_build_object('amount', 100000, 'currency', 'EUR', 'totalFees', 0, 'fees', '[]'::jsonb,
        'currentDueDate', to_char(($4::timestamptz - ((g % $5) || ' days')::interval) AT TIME ZONE 'UTC', 'YYYY-MM-DD'),
        'originalDueDate', to_char(($4::timestamptz - ((g % $5) || ' days')::interval) AT TIME ZONE 'UTC', 'YYYY-MM-DD'),
        'primaryDebtor', jsonb_build_object('debtorReference', 'D' || g, 'firstName', 'Bench', 'lastName', 'Debtor',
          'contactInformation', jsonb_build_object(${contact})), 'meta', '{}'::jsonb),
      'D' || g, $4::timestamptz, $4::timestamptz
    FROM generate_series(1, $3::int) AS g`, [tenantId, prefix, count, now.toISOString(), spread]);
  await executeRaw(db, `
    INSERT INTO collections_runs (tenant_id, claim_reference, run_no, debtor_key, strategy_key, strategy_version, position, state, due_at, created_at, updated_at)
    SELECT $1::uuid, $2 || g, 1, 'ACC-' || g || '/D' || g, $4, $5, $6::jsonb, 'RUNNING', $7::timestamptz, $7::timestamptz, $7::timestamptz
    FROM generate_series(1, $3::int) AS g`,
  [tenantId, prefix, count, strategy.key, options.version ?? 1, JSON.stringify(startPosition(strategy, now)), now.toISOString()]);
}

/** One e-mail (the shipped friendly reminder), then the end: each run has exactly one due step that sends. */
export const ONE_MESSAGE_STRATEGY: StrategyDocument = {
  key: 'one-message', name: 'One message',
  steps: [{ id: 'send', type: 'message', channel: 'email', template: 'reminder-friendly', next: 'done' }, { id: 'done', type: 'end', resolution: 'DONE' }],
};

/**
 * How the service's runs send messages (module.ts runsContext): the job queue it uses (pg-boss on the same database,
 * its mail queue defined, no worker: sending is not part of a step), and the run message sender over it, which renders
 * each message, stores it (an e-mail's .eml in the outbox) and enqueues its mail job in the step's transaction.
 */
export async function serviceMessaging(handle: DatabaseHandle): Promise<{ sendMessage: MessageSender; stop(): Promise<void> }> {
  const jobs = await JobQueue.start(handle, { logger: pino({ level: 'warn' }), maintenance: false });
  await jobs.define({ name: MAIL_QUEUE, retryLimit: 6, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 120 });
  const sendMessage = runMessageSender({ jobs, mailFrom: 'Collections <collections@bench.example>', messageIdDomain: 'bench.example', publicBaseUrl: 'https://pay.bench.example' });
  return { sendMessage, stop: () => jobs.stop() };
}
