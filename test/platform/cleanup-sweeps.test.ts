// The cleanup sweeps of dead sign-in rows (issue 17): console sessions, seller sign-in links, sessions and requests,
// and the landing page's links and sessions are deleted once long past their end, and only then; two workers racing
// over the same rows delete each exactly once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { executeRaw } from '../../src/platform/db/database.js';
import { credentials } from '../../src/platform/db/schema.js';
import { expiredRowsSweep } from '../../src/platform/maintenance-sweeps.js';
import { sweepUntilDone } from '../../src/platform/sweeper/sweeper.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describeEachEngine('Cleanup of dead sessions and sign-in links', (engine) => {
  let service: TestService;
  let tenantId: string;
  let credentialId: string;

  beforeAll(async () => {
    service = await startTestService({ engine });
    const tenant = await service.createTenant();
    tenantId = tenant.tenant.id;
    const [credential] = await service.platform.db.select({ id: credentials.id }).from(credentials).where(eq(credentials.tenantId, tenantId)).limit(1);
    credentialId = credential!.id;
  });
  afterAll(async () => service?.stop());

  const ago = (ms: number) => new Date(service.clock.now().getTime() - ms).toISOString();
  const sql = (text: string, values: unknown[] = []) => executeRaw(service.platform.db, text, values);
  const column = async (table: string, name: string) => (await sql(`SELECT ${name} AS v FROM ${table} WHERE tenant_id = $1 ORDER BY 1`, [tenantId]) as { v: string }[]).map((row) => row.v);

  async function consoleSession(id: string, lastSeenAgo: number, expiresAgo: number) {
    await sql(`INSERT INTO console_sessions (id_hash, tenant_id, credential_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, tenantId, credentialId, ago(lastSeenAgo + HOUR), ago(lastSeenAgo), ago(expiresAgo)]);
  }

  it('deletes each kind of row once long past its end, and keeps the rest', async () => {
    // A pass may have run at the start clock: the sweeps look again an hour later.
    service.clock.advance(2 * HOUR);
    await consoleSession('console-expired', 2 * DAY, 2 * DAY - 10 * HOUR);
    await consoleSession('console-idle', 30 * HOUR, 20 * HOUR); // idle for 30 h: gone, though it reached its 12 h only 20 h ago
    await consoleSession('console-recent', 2 * HOUR, HOUR); // ended an hour ago: kept
    await consoleSession('console-live', 0, -10 * HOUR);
    const link = (id: string, expiresAgo: number, usedAgo: number | null) => sql(
      `INSERT INTO seller_sign_in_links (id, tenant_id, token_hash, seller_country, seller_identifier, email, language, expires_at, used_at, created_at)
       VALUES ($1, $2, $3, 'SE', '5560000001', 'seller@example.com', 'en', $4, $5, $4)`,
      [id, tenantId, `hash-${id}`, ago(expiresAgo), usedAgo === null ? null : ago(usedAgo)]);
    const spentLink = randomUUID();
    await link(spentLink, 8 * DAY, 8 * DAY + 60_000);
    const expiredLink = randomUUID();
    await link(expiredLink, 8 * DAY, null);
    const yesterdaysLink = randomUUID();
    await link(yesterdaysLink, DAY, DAY + 60_000); // used yesterday: a replay is still told "used"
    const sellerSession = (id: string, expiresAgo: number, endedAgo: number | null) => sql(
      `INSERT INTO seller_sessions (id_hash, tenant_id, seller_country, seller_identifier, email, language, created_at, last_seen_at, expires_at, ended_at)
       VALUES ($1, $2, 'SE', '5560000001', 'seller@example.com', 'en', $3, $3, $4, $5)`,
      [id, tenantId, ago(Math.max(expiresAgo, 0) + HOUR), ago(expiresAgo), endedAgo === null ? null : ago(endedAgo)]);
    await sellerSession('seller-ended', -10 * HOUR, 2 * DAY); // signed out two days ago (its row says it began then)
    await sellerSession('seller-live', -10 * HOUR, null);
    await sql(`INSERT INTO seller_sign_in_requests (email_hash, requested_at) VALUES ($1, $2), ($1, $3)`, [`req-${tenantId}`, ago(2 * DAY), ago(10 * 60_000)]);
    const landingLink = (id: string, expiresAgo: number) => sql(
      `INSERT INTO collections_landing_links (tenant_id, id, token_hash, claim_reference, issued_at, expires_at) VALUES ($1, $2, $3, 'CLAIM-1', $4, $5)`,
      [tenantId, id, `hash-${id}`, ago(expiresAgo + 30 * DAY), ago(expiresAgo)]);
    const oldLink = randomUUID();
    await landingLink(oldLink, 91 * DAY);
    const expiredLandingLink = randomUUID();
    await landingLink(expiredLandingLink, 89 * DAY); // still answered "expired", not "unknown"
    await sql(`INSERT INTO collections_landing_sessions (tenant_id, id, link_id, session_hash, created_at, expires_at) VALUES ($1, $2, $3, 'landing-old', $4, $4), ($1, $5, $3, 'landing-live', $6, $7)`,
      [tenantId, randomUUID(), expiredLandingLink, ago(2 * DAY), randomUUID(), ago(0), ago(-HOUR)]);

    const reports = await service.sweeper!.runOnce();
    const processed = Object.fromEntries(reports.filter((report) => report.name.endsWith('-cleanup')).map((report) => [report.name, report.processed]));
    expect(processed).toEqual({
      'console-session-cleanup': 2, 'seller-link-cleanup': 2, 'seller-session-cleanup': 1, 'seller-request-cleanup': 1,
      'landing-link-cleanup': 1, 'landing-session-cleanup': 1,
    });
    expect(await column('console_sessions', 'id_hash')).toEqual(['console-live', 'console-recent']);
    expect(await column('seller_sign_in_links', 'id::text')).toEqual([yesterdaysLink]);
    expect(await column('seller_sessions', 'id_hash')).toEqual(['seller-live']);
    expect((await sql(`SELECT requested_at FROM seller_sign_in_requests WHERE email_hash = $1`, [`req-${tenantId}`])).length).toBe(1);
    expect(await column('collections_landing_links', 'id::text')).toEqual([expiredLandingLink]);
    expect(await column('collections_landing_sessions', 'session_hash')).toEqual(['landing-live']);

    // The next pass within the hour does not look again; an hour later it finds nothing more.
    await consoleSession('console-late', 3 * DAY, 3 * DAY);
    expect((await service.sweeper!.runOnce()).find((report) => report.name === 'console-session-cleanup')?.processed).toBe(0);
    service.clock.advance(HOUR + 1);
    expect((await service.sweeper!.runOnce()).find((report) => report.name === 'console-session-cleanup')?.processed).toBe(1);
    expect(await column('console_sessions', 'id_hash')).toEqual(['console-live', 'console-recent']);
  });

  it('deletes each row exactly once with two workers racing', async () => {
    for (let index = 0; index < 300; index += 20) {
      const values = Array.from({ length: 20 }, (_unused, offset) => `('race-${index + offset}', '${tenantId}', '${credentialId}', '${ago(3 * DAY)}', '${ago(3 * DAY)}', '${ago(3 * DAY)}')`);
      await sql(`INSERT INTO console_sessions (id_hash, tenant_id, credential_id, created_at, last_seen_at, expires_at) VALUES ${values.join(', ')}`);
    }
    const worker = () => expiredRowsSweep({ name: 'race', table: 'console_sessions', endedBefore: 'expires_at < $1', retentionMs: DAY, batchSize: 25 });
    const [first, second] = await Promise.all([
      sweepUntilDone(service.platform.db, worker(), service.clock), sweepUntilDone(service.platform.db, worker(), service.clock),
    ]);
    expect(first!.processed + second!.processed).toBe(300);
    expect((await column('console_sessions', 'id_hash')).filter((id) => id.startsWith('race-'))).toEqual([]);
  });
});
