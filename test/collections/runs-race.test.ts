import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ONE_MESSAGE_STRATEGY, seedDueRuns, serviceMessaging } from '../../bench/_collections-seed.js';
import { dueRunsSweep } from '../../src/collections/sweeps.js';
import { InMemoryStrategies } from '../../src/collections/use-cases/runs/strategy-source.js';
import { ManualClock } from '../../src/platform/clock.js';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { applyMigrations } from '../../src/platform/db/migrate.js';
import { sweepUntilDone } from '../../src/platform/sweeper/sweeper.js';
import { createTenant } from '../../src/platform/tenants/service.js';
import { createScratchDatabase, TEST_DATABASE_URL } from '../support/engines.js';

/*
 * Two workers (two processes' worth: separate connection pools and job queues, two batches in flight each) sweep the
 * same 10,000 due steps on PostgreSQL, each step rendering and storing its e-mail as the service does: FOR UPDATE SKIP
 * LOCKED hands each run to one of them, so every step executes once and every message is stored, and its mail job
 * enqueued once (each message id in exactly one mail job, jobs carrying up to 50 of them).
 */

const COUNT = 10_000;

describe.runIf(TEST_DATABASE_URL !== undefined)('two sweepers racing on PostgreSQL', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let workers: DatabaseHandle[] = [];
  const messaging: Awaited<ReturnType<typeof serviceMessaging>>[] = [];
  const clock = new ManualClock('2026-11-21T10:00:00Z');

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    workers = await Promise.all([0, 1].map(() => openDatabase({ databaseUrl: scratch.url, dataDir: '', poolSize: 4 })));
    await applyMigrations(workers[0]!);
    for (const worker of workers) messaging.push(await serviceMessaging(worker));
  }, 60_000);
  afterAll(async () => {
    for (const queue of messaging) await queue.stop();
    for (const worker of workers) await worker.close();
    await scratch?.drop();
  });

  it('fires each of 10,000 due steps exactly once and records each message once', async () => {
    const created = await createTenant(workers[0]!.db, { name: 'Race', mode: 'live', now: clock.now() });
    const tenantId = created.tenant.id;
    await seedDueRuns(workers[0]!.db, { tenantId, prefix: 'RACE-', count: COUNT, now: clock.now(), strategy: ONE_MESSAGE_STRATEGY });
    const strategies = new InMemoryStrategies();
    strategies.publish('*', ONE_MESSAGE_STRATEGY);
    const reports = await Promise.all(workers.map((worker, index) =>
      sweepUntilDone(worker.db, dueRunsSweep({ strategies, businessTimeZone: 'Europe/Stockholm', sendMessage: messaging[index]!.sendMessage }, 250, 2), clock)));
    expect(reports.map((report) => report.processed).reduce((a, b) => a + b, 0)).toBe(COUNT);
    expect(reports.every((report) => report.processed > 0)).toBe(true);
    const [counts] = await workers[0]!.query<Record<string, number>>(`
      WITH lines AS (SELECT e.claim_reference, x->>'kind' AS kind FROM collections_run_events e CROSS JOIN LATERAL jsonb_array_elements(e.entries) AS x),
        jobbed AS (SELECT coalesce(j.data->>'messageId', x.id) AS id FROM pgboss.job j
          LEFT JOIN LATERAL jsonb_array_elements_text(j.data->'messageIds') AS x(id) ON true WHERE j.name = 'mail.send')
      SELECT (SELECT count(*)::int FROM lines WHERE kind = 'send') AS sends,
        (SELECT count(DISTINCT claim_reference)::int FROM lines WHERE kind = 'send') AS claims,
        (SELECT count(*)::int FROM collections_run_events) AS "logRows",
        (SELECT count(*)::int FROM collections_runs WHERE state = 'ENDED' AND stop_reason = 'DONE') AS ended,
        (SELECT count(*)::int FROM collections_runs WHERE due_at IS NOT NULL) AS due,
        (SELECT count(*)::int FROM events WHERE type = 'collections.run.message') AS events,
        (SELECT count(*)::int FROM collections_messages) AS messages,
        (SELECT count(DISTINCT run_id)::int FROM collections_messages) AS "messagedRuns",
        (SELECT count(*)::int FROM mail_messages WHERE related_type = 'collections_message') AS mails,
        (SELECT count(*)::int FROM jobbed) AS "mailJobEntries",
        (SELECT count(DISTINCT j.id)::int FROM jobbed j JOIN mail_messages m ON m.id = j.id::uuid) AS "jobbedMails",
        (SELECT count(*)::int FROM events WHERE type = 'message.sent') AS "sentEvents",
        (SELECT count(*)::int FROM lines WHERE kind = 'send-failed') AS failed`);
    expect(counts).toEqual({
      sends: COUNT, claims: COUNT, logRows: COUNT, ended: COUNT, due: 0, events: COUNT, messages: COUNT, messagedRuns: COUNT, mails: COUNT, mailJobEntries: COUNT, jobbedMails: COUNT, sentEvents: COUNT, failed: 0,
    });
  }, 180_000);
});
