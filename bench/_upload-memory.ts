import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadConfig } from '../src/platform/config.js';
import { createLogger } from '../src/platform/logging.js';
import { createTenant } from '../src/platform/tenants/service.js';
import { credentialSheet } from '../src/platform/tenants/credential-sheet.js';
import { startService } from '../src/service.js';
import { MAX_UPLOAD_BYTES } from '../src/collections/module.js';
import { scratchDatabase } from './_harness.js';

/*
 * Does an upload stream to disk, or is it held in memory? (issue 16). The service runs in THIS process (an API-only
 * `startService` on a scratch database), so its memory can be read from the inside while a request is under way:
 * process.memoryUsage() (rss, and arrayBuffers: the Buffers the socket chunks and any copy of the file live in)
 * sampled every millisecond during the upload, and the kernel's peak RSS of this process (VmHWM, reset before each
 * upload). arrayBuffers counts socket chunks that were passed on and dropped but not yet collected (V8 collects
 * external memory lazily), so each upload is sent a second time with a full collection before every sample (every
 * 20 ms): that peak is what the request really holds. The client is curl in its own process, reading the file from
 * disk, so the client's copy of the document is not in the figures. Each upload starts after a full collection.
 *
 * Baselines from the same run: a 1 KB upload on the same route, and a bare Node http server in this process that
 * pipes the raw request body to a file (the least memory any streaming receiver can use on this machine). If the
 * service held the file whole, the growth would rise with the file's size (a 10 MB file: ≥ 10 MB); streaming keeps it
 * about flat and near the bare server's. The 50 MB upload is over the limit (MAX_UPLOAD_BYTES): it must be
 * refused while it arrives, without the server keeping what it has read.
 */

const MB = 1024 * 1024;
const run = promisify(execFile);

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

interface Growth {
  /** Peak RSS (kernel's VmHWM) above the RSS at the start, bytes. */
  peakRss: number;
  /** Peak of process.memoryUsage().arrayBuffers above the start (sampled every ms), bytes: allocated, collected or not. */
  peakArrayBuffers: number;
  /** Peak of arrayBuffers above the start right after a full collection (every 20 ms): what the request really holds. */
  peakLive: number;
  ms: number;
  status: string;
}

function statusKb(field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/**
 * Runs `upload` (a curl child) while sampling this process's memory; the growth over the state before it. With
 * `collect`, a full garbage collection runs before every sample, so the figure is what is still referenced (held),
 * not socket chunks already dropped and waiting for V8 to collect them.
 */
async function sampled(upload: () => Promise<string>, collect: boolean): Promise<{ peakRss: number; peakBuffers: number; ms: number; status: string }> {
  collectGarbage();
  collectGarbage();
  writeFileSync('/proc/self/clear_refs', '5');
  const startRss = statusKb('VmRSS');
  const startBuffers = process.memoryUsage().arrayBuffers;
  let peakBuffers = startBuffers;
  const sample = () => {
    if (collect) collectGarbage();
    peakBuffers = Math.max(peakBuffers, process.memoryUsage().arrayBuffers);
  };
  const sampler = setInterval(sample, collect ? 20 : 1);
  const began = performance.now();
  try {
    const status = await upload();
    const ms = performance.now() - began;
    sample();
    return { peakRss: statusKb('VmHWM') - startRss, peakBuffers: peakBuffers - startBuffers, ms, status };
  } finally {
    clearInterval(sampler);
  }
}

async function measured(upload: () => Promise<string>): Promise<Growth> {
  const allocated = await sampled(upload, false);
  const live = await sampled(upload, true);
  return { peakRss: allocated.peakRss, peakArrayBuffers: allocated.peakBuffers, peakLive: live.peakBuffers, ms: allocated.ms, status: `${allocated.status}/${live.status}` };
}

/** curl's multipart POST (the file streamed from disk); answers the HTTP status. */
async function curlForm(url: string, fields: [string, string][], headers: Record<string, string>): Promise<string> {
  const args = ['-s', '-o', '/dev/null', '-w', '%{http_code}', '-X', 'POST'];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  for (const [name, value] of fields) args.push('-F', `${name}=${value}`);
  const { stdout } = await run('curl', [...args, url]).catch((error: { stdout?: string }) => ({ stdout: `curl failed (${error.stdout ?? ''})` }));
  return stdout;
}

/** A bare Node http server in this process: pipes each request body to a file, answers 200. */
async function bareReceiver(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  let n = 0;
  const server = createServer((request, response) => {
    pipeline(request, createWriteStream(join(dir, `bare-${n++}`))).then(() => response.end('ok'), () => response.writeHead(500).end());
  });
  server.requestTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function line(label: string, runs: Growth[]): void {
  const worst = (pick: (run: Growth) => number) => Math.max(...runs.map(pick)) / MB;
  const statuses = [...new Set(runs.map((item) => item.status))].join('/');
  console.log(`${label.padEnd(58)} peak RSS +${worst((item) => item.peakRss).toFixed(1).padStart(5)} MiB, arrayBuffers allocated +${worst((item) => item.peakArrayBuffers).toFixed(1).padStart(5)} MiB, held +${worst((item) => item.peakLive).toFixed(1).padStart(5)} MiB`
    + `  (worst of ${runs.length}; ${(runs.reduce((sum, item) => sum + item.ms, 0) / runs.length).toFixed(0)} ms each, HTTP ${statuses})`);
}

/** The upload memory measurement: prints the dispute upload and the files API next to their baselines. */
export async function uploadMemory(runsEach: number): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'tc-bench-upload-'));
  const database = await scratchDatabase();
  const config = loadConfig({
    DATABASE_URL: database.url, DATABASE_POOL_SIZE: '5', PORT: '0', HOST: '127.0.0.1', DATA_DIR: join(dir, 'data'),
    RATE_LIMIT_PER_MINUTE: '0', DEMO_TENANT: 'false', LOG_LEVEL: 'warn', SWEEP_INTERVAL_MS: '3600000',
  });
  const service = await startService({ config, logger: createLogger('warn'), role: 'api' });
  const bare = await bareReceiver(dir);
  try {
    const url = service.url!;
    const created = await createTenant(service.platform.db, { name: 'Bench uploads', mode: 'live', now: new Date() });
    const sheet = credentialSheet(created, url).credentials.servicing;
    const tokenResponse = await fetch(`${url}/v1/oauth2/token`, {
      method: 'POST', body: 'grant_type=client_credentials',
      headers: { authorization: `Basic ${Buffer.from(`${sheet.apiClientId}:${sheet.apiClientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    });
    const auth = { authorization: `Bearer ${((await tokenResponse.json()) as { access_token: string }).access_token}` };
    const base = `${url}/v1/${created.tenant.clientId}`;
    const account = await fetch(`${base}/create_accounts`, {
      method: 'POST', headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ BENCH_ACCOUNT: { currency: 'EUR', debtors: [{ debtorReference: 'D1', type: 'legal', companyName: 'Bench Debtor B.V.', contactInformation: { country: 'NL', postalCode: '1012 AB' } }],
        ledgerEntries: [1, 2].map((i) => ({ ledgerEntryReference: `INV-${i}`, invoiceDetails: { amount: 10_000, dueDate: '2026-10-01' }, context: {} })) } }),
    });
    if (account.status !== 200) throw new Error(`create_accounts: ${account.status} ${await account.text()}`);
    const link = (await (await fetch(`${base}/get_landing_page_url?claimReference=INV-1`, { headers: auth })).json()) as { URL: string };
    const path = new URL(link.URL).pathname;
    const verified = await fetch(`${url}${path}/verify`, { method: 'POST', redirect: 'manual', body: 'answer=1012AB', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const cookie = (verified.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const csrf = /name="csrf" value="([^"]+)"/.exec(await (await fetch(`${url}${path}?lang=en`, { headers: { cookie } })).text())?.[1] ?? '';
    if (csrf === '') throw new Error('no CSRF token on the landing page');

    // Random bytes (a file store keeps one copy per content: every upload must be new to be written).
    const fileOf = async (bytes: number, n: number) => {
      const file = join(dir, `upload-${bytes}-${n}.pdf`);
      await writeFile(file, randomBytes(bytes));
      return file;
    };
    const sizes: [string, number][] = [['1 KB', 1000], ['1 MB', 1_000_000], ['5 MB', 5_000_000], ['10 MB', 10_000_000], ['50 MB (over the limit: refused)', 50_000_000]];
    console.log(`upload memory (service in this process, client curl; limit ${MAX_UPLOAD_BYTES} bytes; ${runsEach} runs each, worst shown)`);
    const measureEach = async (label: string, bytes: number, send: (file: string) => Promise<string>) => {
      const runs: Growth[] = [];
      for (let n = 0; n < runsEach; n += 1) {
        const file = await fileOf(bytes, n);
        runs.push(await measured(() => send(file)));
        await rm(file);
      }
      line(label, runs);
    };
    for (const [label, bytes] of sizes) {
      await measureEach(`baseline: bare http pipe to disk, ${label.split(' (')[0]}`, bytes, (file) => run('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '-X', 'POST', '--upload-file', file, bare.url])
        .then((out) => out.stdout, (error: { stdout?: string }) => `curl failed (${error.stdout ?? ''})`));
    }
    for (const [label, bytes] of sizes) {
      await measureEach(`dispute upload (/c/<token>/dispute), ${label}`, bytes, (file) => curlForm(`${url}${path}/dispute`, [
        ['csrf', csrf], ['lang', 'en'], ['claim', 'INV-2'], ['reason', 'Bench: the goods were never delivered.'], ['document', `@${file};type=application/pdf;filename=evidence.pdf`],
      ], { cookie }));
    }
    for (const [label, bytes] of sizes) {
      await measureEach(`files API (upload_files), ${label}`, bytes, (file) => curlForm(`${base}/upload_files`, [
        ['accountId', 'BENCH_ACCOUNT'], ['file', `@${file};type=application/pdf;filename=evidence.pdf`],
      ], auth));
    }
  } finally {
    await bare.close();
    await service.stop();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  }
}
