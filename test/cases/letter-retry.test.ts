// A letter the sweep fails to render waits out a growing backoff (domain/letter-retry.ts) instead of being tried on
// every pass: a batch's worth of failing letters does not hold up the letters behind them, a pass before the retry time
// leaves them alone, and once the cause is fixed the next try after the backoff renders, mails and announces them once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casesContext } from '../../src/cases/api.js';
import { FIRST_LETTER_RETRY_MS, LONGEST_LETTER_RETRY_MS, nextLetterRenderAt } from '../../src/cases/domain/letter-retry.js';
import { caseTimerSweep, letterRenderSweep } from '../../src/cases/sweeps.js';
import { executeRaw } from '../../src/platform/db/database.js';
import { createLogger } from '../../src/platform/logging.js';
import { sweepUntilDone } from '../../src/platform/sweeper/sweeper.js';
import { describeEachEngine } from '../support/engines.js';
import { managementHeaders } from '../support/faces.js';
import { call } from '../support/http.js';
import { startTestService, type TestService } from '../support/service.js';
import { newPolicy } from '../cover/support.js';
import { BUYERS, type CasesClient, caseBody, casesClient } from './support.js';

describe('nextLetterRenderAt', () => {
  const failedAt = new Date('2026-12-06T10:00:00Z');
  const waitAfter = (failures: number) => nextLetterRenderAt(failedAt, failures).getTime() - failedAt.getTime();

  it('waits a minute after the first failure, doubling with each further one up to six hours', () => {
    expect(waitAfter(1)).toBe(FIRST_LETTER_RETRY_MS);
    expect(waitAfter(2)).toBe(2 * FIRST_LETTER_RETRY_MS);
    expect(waitAfter(5)).toBe(16 * FIRST_LETTER_RETRY_MS);
    expect(waitAfter(9)).toBe(256 * FIRST_LETTER_RETRY_MS);
    expect(waitAfter(10)).toBe(LONGEST_LETTER_RETRY_MS);
    expect(waitAfter(1_000_000)).toBe(LONGEST_LETTER_RETRY_MS);
  });

  it('never waits less than the first backoff, whatever count it is given', () => {
    expect(waitAfter(0)).toBe(FIRST_LETTER_RETRY_MS);
    expect(waitAfter(-3)).toBe(FIRST_LETTER_RETRY_MS);
  });
});

describeEachEngine('Letters that fail to render', (engine) => {
  let service: TestService;
  let client: CasesClient;
  const silent = createLogger('silent');
  const BATCH = 2;
  const BROKEN = 3; // more than a batch: with no backoff they alone would fill every batch

  beforeAll(async () => {
    service = await startTestService({ engine });
    client = await casesClient(service);
    const today = await client.today();
    const policies = [client.policyId, await newPolicy(client.cover, today)];
    const buyers = await Promise.all([BUYERS.rating4, BUYERS.rating6, BUYERS.rating1].map((b) => client.cover.buyerId(b)));
    const moved = await call(service.url, 'POST', '/sandbox/v1/clock/advance', { headers: managementHeaders(client.tenant), json: { seconds: 40 * 86_400 } });
    expect(moved.status).toBe(200);
    for (const policyId of policies) {
      for (const buyerId of buyers) expect((await client.post('/cases', { ...caseBody(client, buyerId), policyId })).status).toBe(201);
    }
    // The eligibility timers issue an acknowledgement per case, left unrendered (no letter sweep has run).
    await sweepUntilDone(service.platform.db, caseTimerSweep(casesContext(service.platform), 'eligibility'), service.clock);
  });
  afterAll(async () => service?.stop());

  interface LetterState { letter_number: string | number; rendered_at: unknown; render_failures: number; render_retry_at: Date | string | null }

  async function letters(): Promise<LetterState[]> {
    return await executeRaw(service.platform.db, `SELECT letter_number, rendered_at, render_failures, render_retry_at FROM nonpayment_case_letters
      WHERE tenant_id = $1 ORDER BY letter_number`, [client.tenant.tenant.id]) as LetterState[];
  }

  async function tenantNow(): Promise<number> {
    const [row] = await executeRaw(service.platform.db, 'SELECT clock_offset_ms FROM tenants WHERE id = $1', [client.tenant.tenant.id]) as { clock_offset_ms: string | number }[];
    return service.clock.now().getTime() + Number(row!.clock_offset_ms);
  }

  async function issuedEvents(): Promise<number> {
    const rows = await executeRaw(service.platform.db, `SELECT count(*) AS n FROM events WHERE tenant_id = $1 AND type = 'letter.issued'`, [client.tenant.tenant.id]) as { n: string | number }[];
    return Number(rows[0]!.n);
  }

  const sweep = () => sweepUntilDone(service.platform.db, letterRenderSweep(casesContext(service.platform), silent, BATCH), service.clock);
  const at = (value: Date | string | null) => (value === null ? null : new Date(value).getTime());

  it('defers the failing letters with a growing backoff, renders the others past them, and renders them once fixed', async () => {
    const all = await letters();
    expect(all.length).toBeGreaterThanOrEqual(BROKEN + 2);
    expect(all.every((letter) => letter.rendered_at === null && Number(letter.render_failures) === 0 && letter.render_retry_at === null)).toBe(true);
    // The oldest letters (the first batches a pass claims) are broken: their stored content cannot be rendered.
    const broken = all.slice(0, BROKEN).map((letter) => Number(letter.letter_number));
    const saved = await executeRaw(service.platform.db, 'SELECT letter_number, content FROM nonpayment_case_letters WHERE letter_number = ANY($1::bigint[])', [`{${broken.join(',')}}`]) as { letter_number: string | number; content: unknown }[];
    await executeRaw(service.platform.db, `UPDATE nonpayment_case_letters SET content = '{"broken": true}'::jsonb WHERE letter_number = ANY($1::bigint[])`, [`{${broken.join(',')}}`]);

    const firstTry = await tenantNow();
    const first = await sweep();
    expect(first.processed).toBe(all.length);
    let now = await letters();
    for (const letter of now) {
      if (broken.includes(Number(letter.letter_number))) {
        expect(letter.rendered_at).toBeNull();
        expect(Number(letter.render_failures)).toBe(1);
        expect(at(letter.render_retry_at)).toBe(firstTry + FIRST_LETTER_RETRY_MS);
      } else {
        expect(letter.rendered_at).not.toBeNull();
        expect(Number(letter.render_failures)).toBe(0);
      }
    }
    expect(await issuedEvents()).toBe(all.length - BROKEN);

    // Before their retry time a pass leaves them alone.
    service.clock.advance(FIRST_LETTER_RETRY_MS - 1_000);
    expect((await sweep()).processed).toBe(0);
    expect((await letters()).filter((letter) => Number(letter.render_failures) === 1)).toHaveLength(BROKEN);

    // At it they are tried again, fail again, and wait twice as long.
    service.clock.advance(1_000);
    const secondTry = await tenantNow();
    expect((await sweep()).processed).toBe(BROKEN);
    now = (await letters()).filter((letter) => broken.includes(Number(letter.letter_number)));
    for (const letter of now) {
      expect(letter.rendered_at).toBeNull();
      expect(Number(letter.render_failures)).toBe(2);
      expect(at(letter.render_retry_at)).toBe(secondTry + 2 * FIRST_LETTER_RETRY_MS);
    }
    service.clock.advance(FIRST_LETTER_RETRY_MS);
    expect((await sweep()).processed).toBe(0);

    // The cause fixed, the next try after the backoff renders, mails and announces each once.
    for (const row of saved) {
      await executeRaw(service.platform.db, 'UPDATE nonpayment_case_letters SET content = $2::jsonb WHERE letter_number = $1', [row.letter_number, JSON.stringify(row.content)]);
    }
    service.clock.advance(FIRST_LETTER_RETRY_MS);
    expect((await sweep()).processed).toBe(BROKEN);
    expect((await letters()).every((letter) => letter.rendered_at !== null)).toBe(true);
    expect(await issuedEvents()).toBe(all.length);
    expect((await sweep()).processed).toBe(0);
  });
});
