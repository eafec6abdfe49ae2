import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { managementHeaders } from '../support/faces.js';
import { call } from '../support/http.js';
import { startTestService, type TestService } from '../support/service.js';
import { subjectOf, textPart } from '../support/smtp.js';
import { startServicing, type ServicingClient } from '../servicing/support.js';
import { claim, messagesOf, send } from './messages-support.js';
import { mailMessages } from '../../src/platform/db/schema.js';
import { eq } from 'drizzle-orm';

const CONTENT = {
  email: { subject: 'Kleine Erinnerung an <%= it.claimReference %>', body: 'Hallo <%= it.debtorName %>,\n\nbitte zahlen Sie <%= it.amountDue %>.\n\n<%= it.creditorName %>' },
  sms: { text: 'Bitte zahlen Sie <%= it.amountDue %> für <%= it.claimReference %>.' },
  letter: { subject: 'Erinnerung <%= it.claimReference %>', body: 'Hallo <%= it.debtorName %>,\n\nbitte zahlen Sie <%= it.amountDue %>.' },
};

describeEachEngine('collections: template versions through the management API', (engine) => {
  let service: TestService;
  let client: ServicingClient;
  let headers: Record<string, string>;
  const base = '/management/v1/collections/templates';

  beforeAll(async () => {
    service = await startTestService({ engine });
    client = await startServicing(engine, service);
    headers = managementHeaders(client.tenant);
    await client.post('create_claims', { C1: claim() });
  });
  afterAll(async () => service?.stop());

  it('lists the four templates with their shipped version 1 in every language', async () => {
    const listed = await call(service.url, 'GET', base, { headers });
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((template: any) => [template.id, template.name])).toEqual([
      ['reminder-friendly', 'Friendly reminder'], ['reminder-second', 'Second reminder'], ['final-notice', 'Final notice'], ['escalation-notice', 'Escalation notice'],
    ]);
    for (const template of listed.body.data) {
      expect(Object.keys(template.languages)).toEqual(['en', 'de', 'sv', 'nl']);
      expect(template.languages.sv).toEqual({ latestVersion: 1, versions: [{ version: 1, createdBy: 'shipped', createdAt: null }] });
    }
    const one = await call(service.url, 'GET', `${base}/final-notice`, { headers });
    expect(one.body.languages.de.versions[0].content.email.subject).toBe('Letzte Mahnung: Rechnung <%= it.claimReference %>');
  });

  it('adds a version for one language: new messages use it, earlier messages keep theirs', async () => {
    const before = await send(service, client.tenant, { claimReference: 'C1', channel: 'email', templateId: 'reminder-friendly' });
    const created = await call(service.url, 'POST', `${base}/reminder-friendly/versions`, { headers: { ...headers, 'Idempotency-Key': 'v2-de' }, json: { language: 'de', content: CONTENT } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ templateId: 'reminder-friendly', language: 'de', version: 2, createdAt: service.clock.now().toISOString() });
    const replay = await call(service.url, 'POST', `${base}/reminder-friendly/versions`, { headers: { ...headers, 'Idempotency-Key': 'v2-de' }, json: { language: 'de', content: CONTENT } });
    expect(replay.body).toEqual(created.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const after = await send(service, client.tenant, { claimReference: 'C1', channel: 'email', templateId: 'reminder-friendly' });
    const english = await send(service, client.tenant, { claimReference: 'C1', channel: 'email', templateId: 'reminder-friendly', language: 'en' });
    if (!before.ok || !after.ok || !english.ok) throw new Error('not sent');
    expect([before.value.templateVersion, after.value.templateVersion, english.value.templateVersion]).toEqual([1, 2, 1]);
    const rows = await messagesOf(service, client.tenant, 'C1');
    const emlOf = async (id: string) => {
      const row = rows.find((candidate) => candidate.id === id)!;
      const [mail] = await service.platform.db.select().from(mailMessages).where(eq(mailMessages.id, row.mailMessageId!));
      return mail!.eml;
    };
    expect(subjectOf(await emlOf(before.value.messageId))).toBe('Freundliche Erinnerung: Rechnung C1');
    expect(subjectOf(await emlOf(after.value.messageId))).toBe('Kleine Erinnerung an C1');
    expect(textPart(await emlOf(after.value.messageId))).toContain('Hallo Erika Mustermann');
    expect(rows.find((row) => row.id === before.value.messageId)!.templateVersion).toBe(1);
    const detail = await call(service.url, 'GET', `${base}/reminder-friendly`, { headers });
    expect(detail.body.languages.de.latestVersion).toBe(2);
    expect(detail.body.languages.de.versions.map((version: any) => version.version)).toEqual([1, 2]);
    expect(detail.body.languages.de.versions[1]).toMatchObject({ content: CONTENT, createdBy: expect.stringMatching(/^credential:/) });
    expect(detail.body.languages.en.latestVersion).toBe(1);
    const third = await call(service.url, 'POST', `${base}/reminder-friendly/versions`, { headers, json: { language: 'de', content: CONTENT } });
    expect(third.body.version).toBe(3);
  });

  it('keeps one tenant\'s versions from another', async () => {
    const other = await service.createTenant({ name: 'Other' });
    const listed = await call(service.url, 'GET', `${base}/reminder-friendly`, { headers: managementHeaders(other) });
    expect(listed.body.languages.de.latestVersion).toBe(1);
  });

  it('refuses invalid content with errors naming the field, and writes nothing', async () => {
    const bad = await call(service.url, 'POST', `${base}/final-notice/versions`, {
      headers,
      json: {
        language: 'fr',
        content: { email: { subject: '<% process.exit(1) %>', body: 'ok' }, sms: { text: '<%= it.password %>' }, letter: { subject: 'x' } },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_template');
    expect(bad.body.error.issues.map((issue: any) => issue.path.join('.'))).toEqual(['language', 'content.email.subject', 'content.sms.text', 'content.letter.body']);
    expect(bad.body.error.issues[2].message).toContain('unknown placeholder it.password');
    const long = await call(service.url, 'POST', `${base}/final-notice/versions`, {
      headers, json: { language: 'en', content: { ...CONTENT, sms: { text: `${'Please pay now. '.repeat(16)}<%= it.amountDue %> <%= it.debtorName %> <%= it.landingPageUrl %>` } } },
    });
    expect(long.status).toBe(400);
    expect(long.body.error.issues).toEqual([{ path: ['content', 'sms', 'text'], code: 'invalid', message: expect.stringContaining('segments') }]);
    expect((await call(service.url, 'POST', `${base}/final-notice/versions`, { headers, json: [] })).body.error.issues.map((issue: any) => issue.path.join('.')))
      .toEqual(['language', 'content']);
    const detail = await call(service.url, 'GET', `${base}/final-notice`, { headers });
    expect(detail.body.languages.en.latestVersion).toBe(1);
  });

  it('answers an unknown template with 404 and a missing key with 401', async () => {
    expect((await call(service.url, 'GET', `${base}/nope`, { headers })).status).toBe(404);
    const unknown = await call(service.url, 'POST', `${base}/nope/versions`, { headers, json: { language: 'en', content: CONTENT } });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect((await call(service.url, 'GET', base, {})).status).toBe(401);
  });
});
