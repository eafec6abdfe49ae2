import { benchTenant, BENCH_DATABASE_URL, httpClient, insertSelectBaseline, load, report, startBenchService } from './_harness.js';

/**
 * The platform's request path on PostgreSQL: an authenticated read and an idempotent write (one transaction with
 * idempotency key, event and audit row), next to a bare insert-and-select transaction through the same pool.
 */
export default async function platformBench(): Promise<void> {
  const service = await startBenchService();
  const { db } = service;
  const options = { seconds: 5, concurrency: 16 };
  const client = httpClient(service.url, options.concurrency);
  try {
    const sheet = await benchTenant(service);
    const management: Record<string, string> = { authorization: String(sheet.credentials.management.authorization) };

    console.log(`platform benchmark on ${new URL(BENCH_DATABASE_URL).host}, ${options.concurrency} concurrent clients, ${options.seconds} s each`);
    const baseline = await insertSelectBaseline(db, options);
    report('baseline: insert+select transaction (pool)', baseline);

    const read = await load(async () => {
      const response = await client.request('GET', '/management/v1/tenant', management);
      if (response.status !== 200) throw new Error(`GET tenant answered ${response.status}`);
    }, options);
    report('GET /management/v1/tenant (auth + read)', read, baseline);

    const write = await load(async (i) => {
      const response = await client.request('POST', '/sandbox/v1/clock/advance',
        { ...management, 'content-type': 'application/json', 'idempotency-key': `bench-${Date.now()}-${i}` }, JSON.stringify({ seconds: 1 }));
      if (response.status !== 200) throw new Error(`advance answered ${response.status}: ${response.text}`);
    }, options);
    report('POST clock/advance (idempotent write, one row)', write, baseline);
    console.log('(the write serialises on one tenant row by design: it measures the full mutation path, not parallelism)');
  } finally {
    client.close();
    await service.stop();
  }
}
