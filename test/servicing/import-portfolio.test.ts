import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runServicingImport, type ServicingImportOptions } from '../../src/cli/servicing-import.js';
import { executeRaw } from '../../src/platform/db/database.js';
import { describeEachEngine } from '../support/engines.js';
import { startServicing, type ServicingClient } from './support.js';

/** A claim line of a JSONL portfolio (amounts in cents, as on the wire). */
function claimLine(i: number, account = `ACC_${i % 7}`) {
  return JSON.stringify({
    claimReference: `CLAIM_${i}`, amount: 1000 + i, currency: 'EUR', currentDueDate: '2025-03-01', originalDueDate: '2025-02-01',
    accountReference: account, totalFees: 50, meta: { row: i },
    primaryDebtor: { debtorReference: `DEBTOR_${i % 7}`, firstName: 'Ann', lastName: `Lee${i % 7}`, contactInformation: { country: 'DE' } },
  });
}

function accountLine(reference: string) {
  return JSON.stringify({
    record: 'account', accountReference: reference, currency: 'EUR', meta: { source: 'migration' },
    debtors: [{ debtorReference: `${reference}_D`, firstName: 'Bo', lastName: 'Ek', contactInformation: { country: 'SE' } }],
  });
}

/** 3 accounts, then 1,000 claims with 4 bad records among them. */
function portfolioLines(): string[] {
  const lines = [accountLine('ACC_0'), accountLine('ACC_1'), accountLine('ACC_2')];
  for (let i = 0; i < 1000; i += 1) {
    if (i === 10) lines.push('{"claimReference": "BROKEN", "amount": 1');
    else if (i === 400) lines.push(JSON.stringify({ claimReference: 'STRING_AMOUNT', amount: '12.50', currency: 'EUR', accountReference: 'ACC_0' }));
    else if (i === 700) lines.push(JSON.stringify({ claimReference: 'NO_DATES', amount: 5, currency: 'EUR', accountReference: 'ACC_0', primaryDebtor: { firstName: 'A', lastName: 'B', contactInformation: { country: 'DE' } } }));
    else if (i === 800) lines.push(claimLine(5));
    else lines.push(claimLine(i));
    if (i === 500) lines.push('');
  }
  return lines;
}

/** What an import leaves in the database for a tenant: claims, accounts, events and audit rows (no ids or times). */
async function stateOf(client: ServicingClient) {
  const db = client.service.platform.db;
  const id = client.tenant.tenant.id;
  return {
    claims: await executeRaw(db, `SELECT claim_reference, account_reference, status, managed, debtor_reference, data FROM servicing_claims WHERE tenant_id = $1 ORDER BY claim_reference`, [id]),
    accounts: await executeRaw(db, `SELECT account_reference, currency, meta, debtors, ledger_count FROM servicing_accounts WHERE tenant_id = $1 ORDER BY account_reference`, [id]),
    events: await executeRaw(db, `SELECT type, entity_id, count(*)::int AS n FROM events WHERE tenant_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`, [id]),
    audit: await executeRaw(db, `SELECT action, count(*)::int AS n FROM audit_log WHERE tenant_id = $1 GROUP BY 1 ORDER BY 1`, [id]),
  };
}

describeEachEngine('servicing import (JSON Lines and CSV, resumable)', (engine) => {
  let shared: ServicingClient;
  let folder: string;
  beforeAll(async () => {
    shared = await startServicing(engine);
    folder = mkdtempSync(path.join(tmpdir(), 'tc-import-'));
  });
  afterAll(async () => shared?.stop());

  /** A Receeve client of a new tenant on the shared service. */
  const newClient = () => startServicing(engine, shared.service);
  const importFile = (client: ServicingClient, options: ServicingImportOptions) =>
    runServicingImport({ db: client.service.platform.db, clock: client.service.clock }, client.tenant.tenant, options);
  const write = (name: string, text: string) => {
    const file = path.join(folder, name);
    writeFileSync(file, text);
    return file;
  };
  const failuresOf = (file: string) => readFileSync(`${file}.failures.jsonl`, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));

  it('imports a JSON Lines portfolio of accounts and claims; bad records go to the failures file with their lines and the API\'s messages', async () => {
    const client = await newClient();
    const file = write('portfolio.jsonl', `${portfolioLines().join('\n')}\n`);
    const summary = await importFile(client, { file, batchSize: 100 });
    expect(summary.complete).toBe(true);
    expect(summary.counts).toMatchObject({ records: 1003, imported: 999, failed: 4 });

    const failures = failuresOf(file);
    expect(failures.map((failure) => failure.line)).toEqual([14, 404, 705, 805]);
    expect(failures[0]).toMatchObject({ reference: null });
    expect(failures[0].message).toMatch(/^Invalid JSON: /);
    // The same texts as the API answers for these items.
    const viaApi = await client.post('create_claims', { STRING_AMOUNT: { amount: '12.50', currency: 'EUR', accountReference: 'ACC_0' } });
    expect(viaApi.status).toBe(400);
    expect(failures[1]).toEqual({ line: 404, reference: 'STRING_AMOUNT', message: viaApi.body.message });
    expect(failures[1].message).toMatch(/^Invalid request body: STRING_AMOUNT\.amount: /);
    const { claimReference: _reference, ...noDatesItem } = JSON.parse(portfolioLines()[704]!) as Record<string, unknown>;
    const noDates = await client.post('create_claims', { NO_DATES: noDatesItem });
    expect(noDates.body.NO_DATES.success).toBe(false);
    expect(failures[2]).toEqual({ line: 705, reference: 'NO_DATES', message: noDates.body.NO_DATES.messages[0] });
    expect(failures[3]).toEqual({ line: 805, reference: 'CLAIM_5', message: 'Claim CLAIM_5 already exists' });

    const claims = await client.claimsOf('ACC_3');
    // i = 3, 10, …, 997 (143 claims) but the broken line i = 10.
    expect(Object.keys(claims)).toHaveLength(142);
    expect(claims.CLAIM_3).toMatchObject({ amount: 1003, totalFees: 50, currency: 'EUR', status: 'ACTIVE' });
    const account = await client.get('get_account', { accountReference: 'ACC_0' });
    expect(account.body).toMatchObject({ currency: 'EUR', meta: { source: 'migration' } });
    // The claims' debtor joined the account the file created (as create_claims does).
    expect(account.body.debtors.map((debtor: { debtorReference: string }) => debtor.debtorReference)).toEqual(['ACC_0_D', 'DEBTOR_0']);
  });

  it('imports a CSV portfolio with the documented columns (quoted fields, meta as JSON, an account created from its first claim)', async () => {
    const client = await newClient();
    const file = write('portfolio.csv', [
      'claimReference,accountReference,amount,totalFees,currency,originalDueDate,currentDueDate,debtorReference,debtorType,firstName,lastName,companyName,email,country,meta',
      'C1,A1,1500,0,EUR,2025-01-01,2025-02-01,D1,natural,Ann,Lee,,ann@example.com,DE,"{""source"": ""csv""}"',
      'C2,A1,2500,100,EUR,2025-01-01,2025-02-01,D2,legal,,,"Acme, ""Quoted"" AB",,SE,',
      'C3,A1,12.50,0,EUR,2025-01-01,2025-02-01,D1,,Ann,Lee,,,DE,',
      'C4,A1,700,0,EUR,2025-01-01,2025-02-01,D1,,Ann,"Lee',
      'Multi-line",,,DE,',
      'C5,A1,1,0,EUR',
      '',
    ].join('\r\n'));
    const summary = await importFile(client, { file, batchSize: 1000 });
    expect(summary.counts).toMatchObject({ records: 5, imported: 3, failed: 2 });
    const failures = failuresOf(file);
    expect(failures).toEqual([
      { line: 4, reference: 'C3', message: expect.stringMatching(/^Invalid request body: C3\.amount: /) },
      { line: 7, reference: null, message: 'Invalid CSV row: 15 columns in the header, 5 in this row' },
    ]);
    const claims = await client.claimsOf('A1');
    expect(claims.C1).toMatchObject({ amount: 1500, meta: { source: 'csv' }, primaryDebtor: { debtorReference: 'D1', contactInformation: { email: 'ann@example.com', country: 'DE' } } });
    expect(claims.C2).toMatchObject({ amount: 2500, totalFees: 100, primaryDebtor: { type: 'legal', companyName: 'Acme, "Quoted" AB' } });
    expect(claims.C4.primaryDebtor.lastName).toBe('Lee\nMulti-line');
  });

  it('refuses a CSV whose header names an unknown column, before importing anything', async () => {
    const client = await newClient();
    const file = write('bad-header.csv', 'claimReference,amount,colour\nC1,1,red\n');
    await expect(importFile(client, { file, batchSize: 10 })).rejects.toThrow(/Unknown CSV column\(s\): colour\. Known columns: claimReference,/);
  });

  it('an import stopped after N records and run again ends exactly as one uninterrupted run', async () => {
    const lines = portfolioLines();
    const whole = await newClient();
    const wholeFile = write('whole.jsonl', `${lines.join('\n')}\n`);
    await importFile(whole, { file: wholeFile, batchSize: 100 });

    const resumed = await newClient();
    const file = write('resumed.jsonl', `${lines.join('\n')}\n`);
    const first = await importFile(resumed, { file, batchSize: 100, stopAfter: 250 });
    expect(first.complete).toBe(false);
    expect(first.counts.records).toBeGreaterThanOrEqual(250);
    expect(first.counts.records).toBeLessThan(400);
    // A second stop, then the rest; the batch size given later is ignored: the checkpoint's is kept.
    const second = await importFile(resumed, { file, batchSize: 7, stopAfter: 600 });
    expect(second.startedAtLine).toBeGreaterThan(250);
    const last = await importFile(resumed, { file, batchSize: 100 });
    expect(last.complete).toBe(true);
    expect(last.counts).toMatchObject({ records: 1003, imported: 999, failed: 4 });
    expect(readFileSync(`${file}.failures.jsonl`, 'utf8')).toBe(readFileSync(`${wholeFile}.failures.jsonl`, 'utf8'));
    expect(await stateOf(resumed)).toEqual(await stateOf(whole));

    const again = await importFile(resumed, { file, batchSize: 100 });
    expect(again).toMatchObject({ complete: true, counts: last.counts });
    expect(await stateOf(resumed)).toEqual(await stateOf(whole));
  });

  it('a batch committed but not checkpointed (a crash in between) is replayed, not imported twice', async () => {
    const lines = portfolioLines();
    const whole = await newClient();
    const wholeFile = write('crash-whole.jsonl', `${lines.join('\n')}\n`);
    await importFile(whole, { file: wholeFile, batchSize: 100 });

    const crashed = await newClient();
    const file = write('crash.jsonl', `${lines.join('\n')}\n`);
    const checkpoint = `${file}.checkpoint.json`;
    const before = await importFile(crashed, { file, batchSize: 100, stopAfter: 300 });
    copyFileSync(checkpoint, `${checkpoint}.saved`);
    const lost = await importFile(crashed, { file, batchSize: 100, stopAfter: 700 });
    expect(lost.counts.batches - before.counts.batches).toBeGreaterThan(2);
    // The process "died" after these batches committed and wrote failures, before their checkpoint.
    copyFileSync(`${checkpoint}.saved`, checkpoint);
    const resumed = await importFile(crashed, { file, batchSize: 100 });
    expect(resumed.replayedBatches).toBe(lost.counts.batches - before.counts.batches);
    expect(resumed.counts).toMatchObject({ records: 1003, imported: 999, failed: 4 });
    expect(readFileSync(`${file}.failures.jsonl`, 'utf8')).toBe(readFileSync(`${wholeFile}.failures.jsonl`, 'utf8'));
    expect(await stateOf(crashed)).toEqual(await stateOf(whole));
  });

  it('an interrupt (Ctrl-C) lets the batch in flight commit and stops at its checkpoint', async () => {
    const client = await newClient();
    const file = write('interrupted.jsonl', `${Array.from({ length: 50 }, (_, i) => claimLine(i)).join('\n')}\n`);
    const interrupted = new AbortController();
    interrupted.abort();
    const stopped = await importFile(client, { file, batchSize: 20, signal: interrupted.signal });
    expect(stopped).toMatchObject({ complete: false, counts: { records: 20, imported: 20, batches: 1 } });
    let batchesSeen = 0;
    const rest = await importFile(client, { file, batchSize: 20, afterBatch: () => (batchesSeen += 1) });
    expect(batchesSeen).toBe(2);
    expect(rest).toMatchObject({ complete: true, startedAtLine: 21, counts: { records: 50, imported: 50, failed: 0, batches: 3 } });
  });

  it('refuses to resume when the file changed since the checkpoint, and --restart starts a new import', async () => {
    const client = await newClient();
    const file = write('changed.jsonl', `${[claimLine(1), claimLine(2), claimLine(3)].join('\n')}\n`);
    await importFile(client, { file, batchSize: 1, stopAfter: 1 });
    writeFileSync(file, `${[claimLine(1), claimLine(2), claimLine(3), claimLine(4)].join('\n')}\n`);
    await expect(importFile(client, { file, batchSize: 1 })).rejects.toThrow(/changed since the checkpoint .* use --restart/);
    const restarted = await importFile(client, { file, batchSize: 10, restart: true });
    expect(restarted.counts).toMatchObject({ records: 4, imported: 3, failed: 1 });
    expect(failuresOf(file)).toEqual([{ line: 1, reference: 'CLAIM_1', message: 'Claim CLAIM_1 already exists' }]);
  });

  it('says why a file cannot be read', async () => {
    const client = await newClient();
    await expect(importFile(client, { file: path.join(folder, 'missing.jsonl'), batchSize: 10 })).rejects.toThrow(/^Cannot read .*missing\.jsonl: no such file$/);
    await expect(importFile(client, { file: folder, batchSize: 10 })).rejects.toThrow(/is not a regular file/);
    expect(existsSync(path.join(folder, 'missing.jsonl.checkpoint.json'))).toBe(false);
  });
});
