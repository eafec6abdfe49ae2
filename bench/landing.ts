import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTenant } from '../src/platform/tenants/service.js';
import { credentialSheet } from '../src/platform/tenants/credential-sheet.js';
import { freePort } from '../test/support/processes.js';
import { measureCpu, processCpuMs } from './_cpu.js';
import { httpClient, load, report, startBenchService, type LoadResult } from './_harness.js';
import { uploadMemory } from './_upload-memory.js';

/*
 * The debtor's landing page (issue 16): the HTML of /c/<token> for an account with 50 claims (a verified visitor:
 * the visit recorded and `landing_page.visited` appended, the account and its arrangements read, the page
 * rendered), next to the same-run baseline of a Fastify hello-world route in its own process. The service runs as its
 * own process (`tradecredit serve`), so its CPU is its own. Then whether uploads stream (the dispute's document and
 * the files API): measured inside the receiving process, by size, next to a bare streaming receiver (_upload-memory.ts).
 * Env: BENCH_SECONDS (default 10 per phase), BENCH_CONCURRENCY (default 2), BENCH_UPLOADS (default 3).
 */

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const CLAIMS = 50;

/** A Fastify hello-world in its own process, as the service runs in its own. */
async function helloWorld(): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const port = await freePort();
  const code = `import Fastify from 'fastify';
const app = Fastify();
app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send('<!doctype html><title>hello</title><p>hello world</p>'));
await app.listen({ port: ${port}, host: '127.0.0.1' });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (let ready = false; !ready;) {
    ready = await fetch(`${url}/`).then((response) => response.status === 200, () => false);
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, pid: child.pid ?? 0, async stop() { child.kill('SIGTERM'); await exited; } };
}

/** GETs `path` from `concurrency` keep-alive connections for `seconds`, failing on anything but 200. */
async function loadPage(url: string, path: string, headers: Record<string, string>, options: { seconds: number; concurrency: number }): Promise<LoadResult> {
  const client = httpClient(url, options.concurrency);
  try {
    return await load(async () => {
      const response = await client.request('GET', path, headers);
      if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
    }, options);
  } finally {
    client.close();
  }
}

function cpuLine(name: string, cpuMs: number | undefined, requests: number): void {
  console.log(`${name.padEnd(48)} server CPU ${cpuMs === undefined ? 'n/a' : (cpuMs / requests).toFixed(2).padStart(6)} ms per request`);
}

export async function run(_args: string[]): Promise<void> {
  const seconds = env('BENCH_SECONDS', 10);
  const concurrency = env('BENCH_CONCURRENCY', 2);
  const dataDir = await mkdtemp(join(tmpdir(), 'tc-bench-landing-'));
  const service = await startBenchService({ env: { LOG_LEVEL: 'warn', DATA_DIR: dataDir } });
  const hello = await helloWorld();
  try {
    const created = await createTenant(service.db, { name: 'Bench landing', mode: 'live', now: new Date() });
    const sheet = credentialSheet(created, service.url).credentials.servicing;
    const tokenResponse = await fetch(`${service.url}/v1/oauth2/token`, {
      method: 'POST', body: 'grant_type=client_credentials',
      headers: { authorization: `Basic ${Buffer.from(`${sheet.apiClientId}:${sheet.apiClientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    });
    const auth = { authorization: `Bearer ${((await tokenResponse.json()) as { access_token: string }).access_token}` };
    const base = `${service.url}/v1/${created.tenant.clientId}`;
    const claims = Array.from({ length: CLAIMS }, (_, i) => ({ ledgerEntryReference: `INV-${String(i + 1).padStart(4, '0')}`, invoiceDetails: { amount: 10_000 + i * 37, dueDate: '2026-10-01' }, context: {} }));
    const account = await fetch(`${base}/create_accounts`, {
      method: 'POST', headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ BENCH_ACCOUNT: { currency: 'EUR', debtors: [{ debtorReference: 'D1', type: 'legal', companyName: 'Bench Debtor B.V.', contactInformation: { country: 'NL', postalCode: '1012 AB' } }], ledgerEntries: claims } }),
    });
    if (account.status !== 200) throw new Error(`create_accounts: ${account.status} ${await account.text()}`);
    const link = (await (await fetch(`${base}/get_landing_page_url?claimReference=INV-0001`, { headers: auth })).json()) as { URL: string };
    const path = new URL(link.URL).pathname;
    const verified = await fetch(`${service.url}${path}/verify`, { method: 'POST', redirect: 'manual', body: 'answer=1012AB', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const cookie = (verified.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const page = await (await fetch(`${service.url}${path}?lang=en`, { headers: { cookie } })).text();
    const rows = (page.match(/<tr data-claim=/g) ?? []).length;
    if (rows !== CLAIMS) throw new Error(`the page shows ${rows} claims, not ${CLAIMS}`);

    console.log(`landing page: ${CLAIMS} claims, ${(page.length / 1024).toFixed(1)} KiB of HTML; ${seconds} s per phase, concurrency ${concurrency}`);
    const helloCpuBefore = processCpuMs(hello.pid);
    const baseline = await loadPage(hello.url, '/', {}, { seconds, concurrency });
    const helloCpuAfter = processCpuMs(hello.pid);
    report('baseline: Fastify hello-world (own process)', baseline);
    const measured = await measureCpu(service.db, service.pid, () => loadPage(service.url, `${path}?lang=en`, { cookie }, { seconds, concurrency }));
    report(`GET /c/<token>, ${CLAIMS} claims, verified`, measured.result, baseline);
    cpuLine('baseline: Fastify hello-world', helloCpuBefore === undefined || helloCpuAfter === undefined ? undefined : helloCpuAfter - helloCpuBefore, baseline.requests);
    cpuLine(`GET /c/<token> (service; PostgreSQL ${((measured.cpu.postgresMs ?? 0) / measured.result.requests).toFixed(2)} ms)`, measured.cpu.serviceMs, measured.result.requests);

  } finally {
    await hello.stop();
    await service.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  await uploadMemory(env('BENCH_UPLOADS', 3));
}
