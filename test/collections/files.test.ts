import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openAccountFile } from '../../src/collections/api.js';
import { collectionsFiles } from '../../src/collections/schema/debtor-records-schema.js';
import { DiskFileStore } from '../../src/platform/files/disk-file-store.js';
import { describeEachEngine } from '../support/engines.js';
import { startServicing, type ServicingClient } from '../servicing/support.js';
import { accountWithClaims, eventsOf, startDebtorRecords } from './support.js';

const ACCOUNT = 'ACC_FILES';
const MiB = 1024 * 1024;

interface Part { name: string; value: string | Buffer; fileName?: string; contentType?: string }

function multipartBody(parts: Part[], boundary: string): Buffer {
  const chunks = parts.flatMap((part) => [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${part.fileName ? `; filename="${part.fileName}"` : ''}\r\n`
      + (part.contentType ? `Content-Type: ${part.contentType}\r\n` : '') + '\r\n'),
    Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value), Buffer.from('\r\n'),
  ]);
  return Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]);
}

async function upload(client: ServicingClient, parts: Part[]) {
  const boundary = 'tc-boundary-7MA4YWxkTrZu0gW';
  const response = await fetch(`${client.service.url}/v1/${client.tenant.tenant.clientId}/upload_files`, {
    method: 'POST', headers: { ...client.headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, body: multipartBody(parts, boundary),
  });
  return { status: response.status, body: await response.json() as any };
}

const pdf = (content: string): Part => ({ name: 'file', value: Buffer.from(`%PDF-1.4\n${content}`), fileName: 'invoice.pdf', contentType: 'application/pdf' });

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describeEachEngine('files (Receeve #35)', (engine) => {
  let env: Awaited<ReturnType<typeof startDebtorRecords>>;
  let client: ServicingClient;
  beforeAll(async () => {
    env = await startDebtorRecords(engine);
    client = env.client;
    await accountWithClaims(client, ACCOUNT);
    await accountWithClaims(client, 'ACC_OTHER');
  });
  afterAll(async () => env?.stop());

  it('stores an upload content-addressed under DATA_DIR, linked to the account and claim, answering the seed shape', async () => {
    const response = await upload(client, [
      { name: 'accountId', value: ACCOUNT }, { name: 'documentType', value: 'Invoice' }, { name: 'externalClaimRef', value: `${ACCOUNT}_INV_1` },
      { name: 'productReference', value: 'PRODUCT_REFERENCE_1' }, pdf('first'),
    ]);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ [ACCOUNT]: { success: true, messages: ['Successfully processed action'], messageIds: [expect.any(String)] } });
    const sha256 = createHash('sha256').update('%PDF-1.4\nfirst').digest('hex');
    expect((await stat(join(env.dataDir, 'files', sha256.slice(0, 2), sha256.slice(2, 4), sha256))).size).toBe(14);
    const rows = await client.service.platform.db.select().from(collectionsFiles);
    expect(rows).toEqual([expect.objectContaining({
      tenantId: client.tenant.tenant.id, sha256, size: 14, contentType: 'application/pdf', fileName: 'invoice.pdf', accountReference: ACCOUNT,
      claimReference: `${ACCOUNT}_INV_1`, productReference: 'PRODUCT_REFERENCE_1', documentType: 'Invoice',
    })]);
    expect((await eventsOf(client, 'file.uploaded')).map((e) => e.data.fileId)).toEqual([rows[0]!.id]);
    // The same bytes again: a second link, one stored copy.
    expect((await upload(client, [{ name: 'accountId', value: 'ACC_OTHER' }, pdf('first')])).status).toBe(200);
    expect((await filesUnder(join(env.dataDir, 'files'))).filter((path) => path.endsWith(sha256))).toHaveLength(1);
  });

  it('an unknown account, a claim of another account or an unknown product is an item failure keyed by accountId', async () => {
    expect((await upload(client, [{ name: 'accountId', value: 'NOPE' }, pdf('x')])).body).toEqual({
      NOPE: { success: false, messages: ['Account NOPE not found'], messageIds: [expect.any(String)] },
    });
    expect((await upload(client, [{ name: 'accountId', value: ACCOUNT }, { name: 'externalClaimRef', value: 'ACC_OTHER_INV_1' }, pdf('x')])).body[ACCOUNT].messages)
      .toEqual([`Claim ACC_OTHER_INV_1 is not a claim of Account ${ACCOUNT}`]);
    expect((await upload(client, [{ name: 'accountId', value: ACCOUNT }, { name: 'productReference', value: 'P_X' }, pdf('x')])).body[ACCOUNT].messages)
      .toEqual([`Product P_X is not a product of Account ${ACCOUNT}`]);
  });

  it('whole-request 400s: no file, no accountId, a type not allowed, too large, not multipart', async () => {
    expect(await upload(client, [{ name: 'accountId', value: ACCOUNT }])).toEqual({ status: 400, body: { error: 'BadRequest', message: 'Missing required request parameters: [file]' } });
    expect(await upload(client, [pdf('y')])).toEqual({ status: 400, body: { error: 'BadRequest', message: 'Missing required request parameters: [accountId]' } });
    const exe = await upload(client, [{ name: 'accountId', value: ACCOUNT }, { name: 'file', value: Buffer.from('MZ'), fileName: 'a.exe', contentType: 'application/x-msdownload' }]);
    expect(exe.status).toBe(400);
    expect(exe.body.message).toContain('files of type application/x-msdownload are not accepted');
    const big = await upload(client, [{ name: 'accountId', value: ACCOUNT }, { name: 'file', value: Buffer.alloc(10 * MiB + 1, 1), fileName: 'big.csv', contentType: 'text/csv' }]);
    expect(big).toEqual({ status: 400, body: { error: 'BadRequest', message: `Invalid request body: the file is larger than ${10 * MiB} bytes` } });
    expect(await filesUnder(join(env.dataDir, 'files', 'tmp'))).toEqual([]);
    const json = await client.post('upload_files', { accountId: ACCOUNT });
    expect(json.status).toBe(400);
    expect(json.body.error).toBe('BadRequest');
  });

  it('a 10 MB upload streams to disk: the store holds part of it before the client has sent the rest', async () => {
    const boundary = 'tc-stream-boundary';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="accountId"\r\n\r\n${ACCOUNT}\r\n`
      + `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const total = 10_000_000;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const tmpDir = join(env.dataDir, 'files', 'tmp');
    let sent = 0;
    let sawPartOnDisk = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent === 0) controller.enqueue(head);
        if (sent >= total) {
          controller.enqueue(tail);
          controller.close();
          return;
        }
        if (sent >= total / 2 && sawPartOnDisk === 0) {
          // Hold back the second half until the server has written part of the first to its temporary file: a server
          // that buffered the whole request before storing it would never get here, and the upload would time out.
          for (let attempt = 0; attempt < 400 && sawPartOnDisk < MiB; attempt += 1) {
            const [temporary] = await filesUnder(tmpDir);
            sawPartOnDisk = temporary ? (await stat(temporary).catch(() => ({ size: 0 }))).size : 0;
            if (sawPartOnDisk < MiB) await new Promise((resolve) => setTimeout(resolve, 50));
          }
          if (sawPartOnDisk < MiB) controller.error(new Error('the server stored nothing of the first half'));
        }
        const size = Math.min(chunk.length, total - sent);
        controller.enqueue(chunk.subarray(0, size));
        sent += size;
      },
    });
    const response = await fetch(`${client.service.url}/v1/${client.tenant.tenant.clientId}/upload_files`, {
      method: 'POST', headers: { ...client.headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, body, duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(200);
    expect(sawPartOnDisk).toBeGreaterThanOrEqual(MiB);
    expect(sawPartOnDisk).toBeLessThan(total);
    const expected = createHash('sha256').update(Buffer.alloc(total, 'a')).digest('hex');
    expect((await stat(join(env.dataDir, 'files', expected.slice(0, 2), expected.slice(2, 4), expected))).size).toBe(total);
  });

  it('a file is opened only for its own tenant and account', async () => {
    const store = new DiskFileStore(join(env.dataDir, 'files'));
    const [row] = (await client.service.platform.db.select().from(collectionsFiles)).filter((file) => file.accountReference === ACCOUNT && file.fileName === 'invoice.pdf');
    const db = client.service.platform.db;
    const own = await openAccountFile(db, store, client.tenant.tenant.id, row!.id, { accountReference: ACCOUNT });
    expect(await text(own!.stream)).toBe('%PDF-1.4\nfirst');
    expect(await openAccountFile(db, store, client.tenant.tenant.id, row!.id, { accountReference: 'ACC_OTHER' })).toBeUndefined();
    expect(await openAccountFile(db, store, client.tenant.tenant.id, row!.id, { accountReference: ACCOUNT, claimReference: `${ACCOUNT}_INV_2` })).toBeUndefined();
    const other = await startServicing(engine, client.service);
    expect(await openAccountFile(db, store, other.tenant.tenant.id, row!.id, { accountReference: ACCOUNT })).toBeUndefined();
    expect((await upload(other, [{ name: 'accountId', value: ACCOUNT }, pdf('z')])).body[ACCOUNT].messages).toEqual([`Account ${ACCOUNT} not found`]);
  });
});
