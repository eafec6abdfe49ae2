import { afterEach, expect, it, vi } from 'vitest';
import pino from 'pino';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { JobQueue } from '../../src/platform/jobs/queue.js';
import { describeEachEngine, createScratchDatabase } from '../support/engines.js';
import { until } from '../support/wait.js';

const logger = pino({ level: 'silent' });

describeEachEngine('job queue shutdown', (engine) => {
  let handle: DatabaseHandle | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await handle?.close().catch(() => undefined);
    await drop?.();
    handle = drop = undefined;
  });

  it('waits for a handler that outlives the grace period, so its failure reaches the database before it closes', async () => {
    const scratch = engine === 'postgres' ? await createScratchDatabase() : undefined;
    drop = scratch?.drop;
    handle = await openDatabase({ databaseUrl: scratch?.url, dataDir: '', inMemory: true, schema: {} });
    const jobs = await JobQueue.start(handle, { logger, maintenance: false, stopGraceMs: 1_000 });
    await jobs.define({ name: 'slow', retryLimit: 0 });
    let started = false;
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    await jobs.work('slow', async () => {
      started = true;
      await released;
      throw new Error('the handler failed after shutdown began');
    }, { pollingIntervalSeconds: 0.5 });
    await jobs.enqueue(handle.db, 'slow', [{}]);
    await until(() => started || undefined);

    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      let stopped = false;
      const stopping = jobs.stop().then(() => (stopped = true));
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(stopped).toBe(false);
      release();
      await stopping;
      const [state] = await handle.query<{ state: string }>(`SELECT state FROM pgboss.job WHERE name = 'slow'`);
      expect(state?.state).toBe('failed');
      await handle.close();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
      handle = undefined;
    }
  });

  it('waits for a fetch already on its way when stop begins, and for the job it then starts', async () => {
    const scratch = engine === 'postgres' ? await createScratchDatabase() : undefined;
    drop = scratch?.drop;
    handle = await openDatabase({ databaseUrl: scratch?.url, dataDir: '', inMemory: true, schema: {} });
    const real = handle;
    let holdFetches = false;
    let fetchHeld: () => void = () => undefined;
    const fetchIsHeld = new Promise<void>((resolve) => (fetchHeld = resolve));
    let releaseFetch: () => void = () => undefined;
    const fetchReleased = new Promise<void>((resolve) => (releaseFetch = resolve));
    const slowFetching: DatabaseHandle = {
      ...real,
      async query<Row>(text: string, values: unknown[] = []) {
        const rows = await real.query<Row>(text, values);
        if (holdFetches && text.includes('SKIP LOCKED') && rows.length > 0) {
          fetchHeld();
          await fetchReleased;
        }
        return rows;
      },
    };
    const jobs = await JobQueue.start(slowFetching, { logger, maintenance: false, stopGraceMs: 1_000 });
    await jobs.define({ name: 'late', retryLimit: 0 });
    await jobs.enqueue(real.db, 'late', [{}]);
    let handled = false;
    holdFetches = true;
    await jobs.work('late', async () => {
      handled = true;
    }, { pollingIntervalSeconds: 0.5 });
    await fetchIsHeld;

    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const stopping = jobs.stop();
      setTimeout(releaseFetch, 1_500);
      await stopping;
      expect(handled).toBe(true);
      const [state] = await real.query<{ state: string }>(`SELECT state FROM pgboss.job WHERE name = 'late'`);
      expect(state?.state).toBe('completed');
      await real.close();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
      handle = undefined;
    }
  });
});
