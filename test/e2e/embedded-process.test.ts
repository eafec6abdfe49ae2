import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { call } from '../support/http.js';
import { demoSheet, runCli, startServerProcess, type ServerProcess } from '../support/processes.js';

/** The embedded database as a person uses it: real processes on one data directory. */
describe('embedded database across processes', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tradecredit-e2e-'));
  const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
  let server: ServerProcess | undefined;

  afterAll(async () => {
    server?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('first start creates the data directory, migrates, and prints working demo credentials', async () => {
    server = await startServerProcess(env);
    const sheet = demoSheet(server.output());
    expect(sheet).toMatchObject({ name: 'Demo', mode: 'sandbox' });
    expect(Object.keys(sheet.credentials).sort()).toEqual(['connect', 'cover', 'insure', 'management', 'nonpayment', 'reinsure', 'servicing', 'staff']);
    const me = await call(server.url, 'GET', '/management/v1/tenant', { headers: { authorization: sheet.credentials.management.authorization } });
    expect(me).toMatchObject({ status: 200, body: { id: sheet.tenantId } });
    const token = await call(server.url, 'POST', '/v1/oauth2/token', {
      headers: { authorization: `Basic ${Buffer.from(`${sheet.credentials.servicing.apiClientId}:${sheet.credentials.servicing.apiClientSecret}`).toString('base64')}` },
      form: {},
    });
    expect(token.status).toBe(200);
    expect((await call(server.url, 'GET', '/readyz')).body).toMatchObject({ status: 'ready' });
    expect(existsSync(path.join(dataDir, 'db'))).toBe(true);
  });

  it('a second server on the same data directory refuses to start, with a clear message', async () => {
    const second = await startServerProcess(env);
    expect(await second.exited).toBe(2);
    expect(second.output()).toContain(`The data directory ${dataDir} is in use by another Tradecredit process (pid ${server!.child.pid}`);
    expect((await call(server!.url, 'GET', '/healthz')).status).toBe(200);
  });

  it('the CLI works while the server runs, through the server', async () => {
    const created = await runCli(['tenant', 'create', '--name', 'Acme', '--json'], env);
    expect(created.code, created.stderr).toBe(0);
    const sheet = JSON.parse(created.stdout);
    expect(sheet).toMatchObject({ name: 'Acme', mode: 'live', tenantId: expect.any(String), clientId: expect.any(String) });
    expect((await call(server!.url, 'GET', '/management/v1/tenant', { headers: { authorization: sheet.credentials.management.authorization } })).body.name).toBe('Acme');

    const listed = await runCli(['tenant', 'list', '--json'], env);
    expect(JSON.parse(listed.stdout).map((tenant: any) => tenant.name)).toEqual(['Demo', 'Acme']);

    const rotated = await runCli(['credentials', 'rotate', '--tenant', sheet.tenantId, '--product', 'management', '--revoke-old', '--json'], env);
    expect(rotated.code, rotated.stderr).toBe(0);
    const newKey = JSON.parse(rotated.stdout).credential.authorization;
    expect((await call(server!.url, 'GET', '/management/v1/tenant', { headers: { authorization: newKey } })).status).toBe(200);
    expect((await call(server!.url, 'GET', '/management/v1/tenant', { headers: { authorization: sheet.credentials.management.authorization } })).status).toBe(401);

    const unknown = await runCli(['credentials', 'list', '--tenant', '00000000-0000-4000-8000-000000000000'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No tenant with id or clientId');
  });

  it('stops cleanly on SIGTERM, releasing the lock; the CLI then opens the database itself', async () => {
    server!.child.kill('SIGTERM');
    expect(await server!.exited).toBe(0);
    expect(existsSync(path.join(dataDir, 'service.lock'))).toBe(false);
    const listed = await runCli(['tenant', 'list', '--json'], env);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toHaveLength(2);
  });

  it('takes over the lock of a process that died, and keeps the data (no second demo tenant)', async () => {
    writeFileSync(path.join(dataDir, 'service.lock'), JSON.stringify({ pid: 2_147_483_000, startedAt: '2020-01-01T00:00:00Z' }));
    server = await startServerProcess(env);
    expect(server.output()).not.toContain('Full sheet as JSON');
    server.child.kill('SIGKILL');
    await server.exited;
    server = await startServerProcess(env);
    expect((await call(server.url, 'GET', '/readyz')).status).toBe(200);
    const listed = await runCli(['tenant', 'list', '--json'], env);
    expect(JSON.parse(listed.stdout)).toHaveLength(2);
    server.child.kill('SIGTERM');
    await server.exited;
  });

  it('refuses a wrong configuration with a clear message', async () => {
    const bad = await runCli(['serve'], { ...env, PORT: 'eighty' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Invalid configuration');
    expect(bad.stderr).toContain('PORT');
    const role = await runCli(['serve', '--role', 'api'], env);
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('needs PostgreSQL');
  });
});
