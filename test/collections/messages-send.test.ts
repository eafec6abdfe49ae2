import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { mailMessages } from '../../src/platform/db/schema.js';
import { describeEachEngine } from '../support/engines.js';
import { managementHeaders } from '../support/faces.js';
import { call } from '../support/http.js';
import { startTestService, type TestService } from '../support/service.js';
import { startSmtp, subjectOf, textPart } from '../support/smtp.js';
import { until } from '../support/wait.js';
import { startServicing, type ServicingClient } from '../servicing/support.js';
import { claim, DEBTOR, messageEvents, messagesOf, send } from './messages-support.js';

describeEachEngine('collections: sending a claim message (store, SMTP, fallbacks, idempotency)', (engine) => {
  let service: TestService;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let client: ServicingClient;

  beforeAll(async () => {
    smtp = await startSmtp({ refuse: new Map([['bounce@example.de', 550]]) });
    service = await startTestService({ engine, env: { SMTP_URL: smtp.url, MAIL_FROM: 'Acme Collections <collections@acme.test>' } });
    client = await startServicing(engine, service);
    const created = await client.post('create_claims', {
      C1: claim(),
      C2: claim({ primaryDebtor: { ...DEBTOR, contactInformation: { country: 'SE', mobileNumber: '+46701234567' } } }),
      C3: claim({ primaryDebtor: { ...DEBTOR, contactInformation: { country: 'NL' } } }),
      C4: claim({ primaryDebtor: { ...DEBTOR, language: 'nl', contactInformation: { ...DEBTOR.contactInformation, email: 'bounce@example.de' } } }),
      C5: claim(),
    });
    expect(Object.values(created.body).every((item: any) => item.success)).toBe(true);
  });
  afterAll(async () => {
    await service?.stop();
    await smtp?.close();
  });

  it('renders the e-mail in the debtor\'s language, stores it and delivers it over SMTP', async () => {
    const sent = await send(service, client.tenant, { claimReference: 'C1', runId: 'run-1', stepId: 'friendly', channel: 'email', fallbacks: ['sms'], templateId: 'reminder-friendly' });
    expect(sent).toEqual({ ok: true, value: { messageId: expect.any(String), channelUsed: 'email', language: 'de', templateVersion: 1, skipped: [], created: true } });
    const [row] = await messagesOf(service, client.tenant, 'C1');
    expect(row).toMatchObject({ channel: 'email', status: 'queued', recipient: 'erika@example.de', templateId: 'reminder-friendly', language: 'de', runId: 'run-1', stepId: 'friendly', attempt: 0, fallbacks: ['sms'] });
    const mail = await until(async () => {
      const [found] = await service.platform.db.select().from(mailMessages).where(eq(mailMessages.id, row!.mailMessageId!));
      return found?.status === 'sent' ? found : undefined;
    });
    const delivered = smtp.received.find((received) => received.to.includes('erika@example.de'));
    expect(delivered?.from).toBe('collections@acme.test');
    expect(delivered!.raw.replace(/\r\n/g, '\n').trimEnd()).toBe(mail.eml.replace(/\r\n/g, '\n').trimEnd());
    expect(subjectOf(delivered!.raw)).toBe('Freundliche Erinnerung: Rechnung C1');
    const text = textPart(delivered!.raw);
    expect(text).toContain('Guten Tag Erika Mustermann');
    expect(text.replace(/[\u00A0\u202F]/g, ' ')).toContain('1.239,56 €');
    expect(text).toContain('1. November 2026');
    expect(text).toContain('RF18539007547034');
    expect(mail.eml).toContain('Content-Language: de');
    expect(mail.eml).toContain('text/html');
    const [event] = await messageEvents(service, client.tenant);
    expect(event).toMatchObject({ type: 'message.sent', entityType: 'message', entityId: row!.id });
    expect(event!.data).toMatchObject({ claimReference: 'C1', channel: 'email', templateId: 'reminder-friendly', templateVersion: 1, language: 'de', runId: 'run-1', stepId: 'friendly' });
  });

  it('stores nothing twice when a step is retried: the same (run, step) answers the first message', async () => {
    const first = await send(service, client.tenant, { claimReference: 'C1', runId: 'run-1', stepId: 'second', channel: 'sms', templateId: 'reminder-second' });
    const again = await send(service, client.tenant, { claimReference: 'C1', runId: 'run-1', stepId: 'second', channel: 'sms', templateId: 'reminder-second' });
    const concurrent = await Promise.all([1, 2, 3].map(() => send(service, client.tenant, { claimReference: 'C1', runId: 'run-1', stepId: 'third', channel: 'letter', templateId: 'final-notice' })));
    if (!first.ok || !again.ok) throw new Error('not sent');
    expect(again.value).toEqual({ ...first.value, created: false });
    const ids = new Set(concurrent.map((result) => (result.ok ? result.value.messageId : 'failed')));
    expect(ids.size).toBe(1);
    expect(concurrent.filter((result) => result.ok && result.value.created)).toHaveLength(1);
    const rows = await messagesOf(service, client.tenant, 'C1');
    expect(rows.map((row) => `${row.stepId}:${row.channel}`)).toEqual(['friendly:email', 'second:sms', 'third:letter']);
    const sentEvents = (await messageEvents(service, client.tenant)).filter((event) => (event.data as Record<string, unknown>).claimReference === 'C1');
    expect(sentEvents).toHaveLength(3);
  });

  it('stores an SMS as a quoted-printable text/plain .eml and a letter as an .eml carrying its PDF', async () => {
    const rows = await messagesOf(service, client.tenant, 'C1');
    const sms = rows.find((row) => row.channel === 'sms')!;
    expect(sms).toMatchObject({ status: 'stored', recipient: '+4915112345678', mailMessageId: null });
    expect(sms.eml).toMatch(/^Content-Type: text\/plain; charset=utf-8$/m);
    expect(sms.eml).toMatch(/^Content-Transfer-Encoding: quoted-printable$/m);
    expect(sms.eml).toMatch(/^MIME-Version: 1\.0$/m);
    expect(sms.eml).toMatch(/^Message-ID: <[0-9a-f-]{36}@acme\.test>$/m);
    expect(sms.eml).not.toMatch(/^(From|To|Subject):/m);
    expect(textPart(sms.eml!)).toContain('Rechnung C1 über 1.239,56 €');
    const letter = rows.find((row) => row.channel === 'letter')!;
    expect(letter.recipient).toBe('Erika Mustermann\nBoikweg 24\n33129 Delbrück\nDE');
    expect(letter.eml).toContain('Content-Type: application/pdf; name=letter-C1.pdf');
    expect(subjectOf(letter.eml!)).toBe('Letzte Mahnung zur Rechnung C1');
    const pdfBase64 = /Content-Type: application\/pdf[\s\S]*?\r\n\r\n([\s\S]*?)\r\n--/.exec(letter.eml!)?.[1];
    expect(Buffer.from(pdfBase64!.replace(/\s/g, ''), 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('takes the fallback channel when the debtor has no address for the first, and records why', async () => {
    const sent = await send(service, client.tenant, { claimReference: 'C2', channel: 'email', fallbacks: ['letter', 'sms'], templateId: 'reminder-second' });
    expect(sent).toEqual({ ok: true, value: expect.objectContaining({ channelUsed: 'sms', language: 'sv', skipped: [{ channel: 'email', reason: 'no_address' }, { channel: 'letter', reason: 'no_address' }] }) });
    const [row] = await messagesOf(service, client.tenant, 'C2');
    expect(row).toMatchObject({ channel: 'sms', recipient: '+46701234567', skipped: [{ channel: 'email', reason: 'no_address' }, { channel: 'letter', reason: 'no_address' }] });
    expect(textPart(row!.eml!)).toContain('faktura C2');
  });

  it('fails with NO_USABLE_CHANNEL and a message.failed event when no channel reaches the debtor', async () => {
    const sent = await send(service, client.tenant, { claimReference: 'C3', runId: 'run-3', stepId: 'one', channel: 'email', fallbacks: ['sms'], templateId: 'final-notice' });
    expect(sent).toEqual({ ok: false, error: { code: 'NO_USABLE_CHANNEL', message: 'No channel of email, sms can reach the debtor', skipped: [{ channel: 'email', reason: 'no_address' }, { channel: 'sms', reason: 'no_address' }] } });
    expect(await messagesOf(service, client.tenant, 'C3')).toEqual([]);
    const failed = (await messageEvents(service, client.tenant)).filter((event) => (event.data as Record<string, unknown>).claimReference === 'C3');
    expect(failed).toEqual([expect.objectContaining({ type: 'message.failed', entityType: 'claim', entityId: 'C3', data: expect.objectContaining({ reason: 'no_usable_channel', runId: 'run-3', stepId: 'one' }) })]);
  });

  it('records a 5xx delivery failure and takes the fallback channel', async () => {
    const sent = await send(service, client.tenant, { claimReference: 'C4', runId: 'run-4', stepId: 'one', channel: 'email', fallbacks: ['sms'], templateId: 'reminder-friendly' });
    if (!sent.ok) throw new Error('not sent');
    expect(sent.value).toMatchObject({ channelUsed: 'email', language: 'nl' });
    const rows = await until(async () => {
      const found = await messagesOf(service, client.tenant, 'C4');
      return found.length === 2 ? found : undefined;
    });
    expect(rows[0]).toMatchObject({ id: sent.value.messageId, channel: 'email', status: 'failed', failure: 'undeliverable', attempt: 0 });
    expect(rows[1]).toMatchObject({ channel: 'sms', status: 'stored', attempt: 1, fallbackOf: sent.value.messageId, runId: 'run-4', stepId: 'one', language: 'nl', skipped: [{ channel: 'email', reason: 'undeliverable' }] });
    const [mail] = await service.platform.db.select().from(mailMessages).where(eq(mailMessages.id, rows[0]!.mailMessageId!));
    expect(mail).toMatchObject({ status: 'failed' });
    const c4 = (await messageEvents(service, client.tenant)).filter((event) => (event.data as Record<string, unknown>).claimReference === 'C4');
    expect(c4.map((event) => event.type)).toEqual(['message.sent', 'message.sent', 'message.failed']);
    expect(c4[2]!.data).toMatchObject({ messageId: sent.value.messageId, reason: 'undeliverable', fallbackMessageId: rows[1]!.id, fallbackChannel: 'sms' });
    const retried = await send(service, client.tenant, { claimReference: 'C4', runId: 'run-4', stepId: 'one', channel: 'email', fallbacks: ['sms'], templateId: 'reminder-friendly' });
    expect(retried).toEqual({ ok: true, value: expect.objectContaining({ messageId: sent.value.messageId, created: false }) });
    expect(await messagesOf(service, client.tenant, 'C4')).toHaveLength(2);
  });

  it('refuses an unknown template, an unknown claim and another tenant\'s claim alike', async () => {
    expect(await send(service, client.tenant, { claimReference: 'C1', channel: 'email', templateId: 'nope' }))
      .toEqual({ ok: false, error: { code: 'UNKNOWN_TEMPLATE', message: 'Unknown template nope; known: reminder-friendly, reminder-second, final-notice, escalation-notice' } });
    expect(await send(service, client.tenant, { claimReference: 'NOPE', channel: 'email', templateId: 'final-notice' }))
      .toEqual({ ok: false, error: { code: 'CLAIM_NOT_FOUND', message: 'Claim NOPE not found' } });
    expect(await send(service, client.tenant, { claimReference: 'C1', accountReference: 'ANOTHER_ACCOUNT', channel: 'email', templateId: 'final-notice' }))
      .toEqual({ ok: false, error: { code: 'CLAIM_NOT_FOUND', message: 'Claim C1 not found' } });
    const other = await service.createTenant({ name: 'Other' });
    expect(await send(service, other, { claimReference: 'C1', channel: 'email', templateId: 'final-notice' }))
      .toEqual({ ok: false, error: { code: 'CLAIM_NOT_FOUND', message: 'Claim C1 not found' } });
  });

  it('carries the claim\'s open landing-page link in every message until it is revoked, then a new one', async () => {
    const urlOf = async (stepId: string, channel: 'email' | 'sms') => {
      const sent = await send(service, client.tenant, { claimReference: 'C5', runId: 'run-5', stepId, channel, templateId: 'reminder-friendly' });
      expect(sent.ok).toBe(true);
      const row = (await messagesOf(service, client.tenant, 'C5')).find((message) => message.stepId === stepId);
      return (row?.data as { landingPageUrl?: string } | null)?.landingPageUrl ?? '';
    };
    const first = await urlOf('one', 'email');
    expect(first).toMatch(new RegExp(`^${service.platform.config.publicBaseUrl.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/c/[A-Za-z0-9_-]{32}$`));
    expect(await urlOf('two', 'sms')).toBe(first);
    const revoked = await call(service.url, 'POST', '/management/v1/landing-page-links/revoke', { headers: managementHeaders(client.tenant), json: { claimReference: 'C5' } });
    expect(revoked.status).toBe(200);
    const third = await urlOf('three', 'email');
    expect(third).toMatch(/\/c\/[A-Za-z0-9_-]{32}$/);
    expect(third).not.toBe(first);
  });
});
