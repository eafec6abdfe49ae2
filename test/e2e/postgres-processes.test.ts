import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { call } from '../support/http.js';
import { createScratchDatabase, ENGINES } from '../support/engines.js';
import { demoSheet, startServerProcess, type ServerProcess } from '../support/processes.js';

/** Scale-out as documented: API processes and a worker process, all real, on one PostgreSQL. */
if (ENGINES.includes('postgres')) describe('several processes on one PostgreSQL', () => {
  const processes: ServerProcess[] = [];
  let drop: (() => Promise<void>) | undefined;

  afterAll(async () => {
    for (const child of processes) child.child.kill('SIGKILL');
    await Promise.all(processes.map((child) => child.exited));
    await drop?.();
  });

  it('two API processes and a worker share the database: one demo tenant, events delivered by the worker', async () => {
    const scratch = await createScratchDatabase();
    drop = scratch.drop;
    const env = { DATABASE_URL: scratch.url, SWEEP_INTERVAL_MS: '200' };
    processes.push(...(await Promise.all([
      startServerProcess(env, ['--role', 'api']),
      startServerProcess(env, ['--role', 'api']),
      startServerProcess(env, ['--role', 'worker']),
    ])));
    const [apiA, apiB] = processes as [ServerProcess, ServerProcess, ServerProcess];
    const sheets = [apiA, apiB].filter((child) => child.output().includes('Full sheet as JSON'));
    expect(sheets).toHaveLength(1);
    const sheet = demoSheet(sheets[0]!.output());

    const received: string[] = [];
    const receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push(body);
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const headers = { authorization: sheet.credentials.management.authorization };
      const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      expect((await call(apiA.url, 'POST', '/management/v1/webhook-endpoints', { headers, json: { url: hook, eventTypes: ['sandbox.*'] } })).status).toBe(201);
      expect((await call(apiB.url, 'POST', '/sandbox/v1/clock/advance', { headers, json: { seconds: 60 } })).status).toBe(200);
      const deadline = Date.now() + 30_000;
      while (received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      expect(received).toHaveLength(1);
      expect(JSON.parse(received[0]!).type).toBe('sandbox.clock_advanced');
    } finally {
      receiver.close();
    }
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    const tenants = await client.query('SELECT count(*)::int AS count FROM tenants');
    await client.end();
    expect(tenants.rows[0].count).toBe(1);
  });
});
