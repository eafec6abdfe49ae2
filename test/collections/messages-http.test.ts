import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { call } from '../support/http.js';
import { startTestService, type TestService } from '../support/service.js';
import { startSmtp, textPart } from '../support/smtp.js';
import { until } from '../support/wait.js';
import { servicingHeaders } from '../support/faces.js';
import { startServicing, type ServicingClient } from '../servicing/support.js';
import { claim, DEBTOR, messagesOf, send } from './messages-support.js';

const DAY = 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describeEachEngine('Receeve #28 get_message and #29 get_communication_message_urls', (engine) => {
  let service: TestService;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let client: ServicingClient;
  const sentAt: number[] = [];
  const ids: string[] = [];
  let headers: Record<string, string>;
  const get = (operation: string, query: Record<string, string>) =>
    call(service.url, 'GET', `/v1/${client.tenant.tenant.clientId}/${operation}?${new URLSearchParams(query).toString()}`, { headers });

  beforeAll(async () => {
    smtp = await startSmtp({ refuse: new Map([['bounce@example.de', 550]]) });
    service = await startTestService({ engine, env: { SMTP_URL: smtp.url } });
    client = await startServicing(engine, service);
    await client.post('create_claims', {
      CLAIM_REFERENCE_002: claim(),
      BOUNCING: claim({ primaryDebtor: { ...DEBTOR, contactInformation: { ...DEBTOR.contactInformation, email: 'bounce@example.de' } } }),
    });
    for (const [channel, templateId] of [['email', 'reminder-friendly'], ['sms', 'reminder-second'], ['letter', 'final-notice']] as const) {
      const sent = await send(service, client.tenant, { claimReference: 'CLAIM_REFERENCE_002', runId: 'r1', stepId: templateId, channel, templateId });
      if (!sent.ok) throw new Error('not sent');
      ids.push(sent.value.messageId);
      sentAt.push(service.clock.now().getTime());
      service.clock.advance(2 * DAY);
    }
    // The clock moved past the access token's hour (token expiry runs on the system clock): log in again.
    headers = await servicingHeaders(service, client.tenant);
  });
  afterAll(async () => {
    await service?.stop();
    await smtp?.close();
  });

  it('#29 lists a claim\'s messages as the seed shows: type, URL, epoch-ms time, template uuid and name; oldest first', async () => {
    const response = await get('get_communication_message_urls', { claimReference: 'CLAIM_REFERENCE_002' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.body).toEqual({
      communicationMessageURLs: [
        { communicationType: 'email', messageURL: `/Operations/email/Message/${ids[0]}.eml`, dateTime: sentAt[0], bundleId: '3f0b8a52-6c1e-4d7a-9b21-5a7c0e4d1f01', bundleName: 'Friendly reminder' },
        { communicationType: 'SMS', messageURL: `/Operations/SMS/Message/${ids[1]}.eml`, dateTime: sentAt[1], bundleId: '3f0b8a52-6c1e-4d7a-9b21-5a7c0e4d1f02', bundleName: 'Second reminder' },
        { communicationType: 'letter', messageURL: `/Operations/letter/Message/${ids[2]}.eml`, dateTime: sentAt[2], bundleId: '3f0b8a52-6c1e-4d7a-9b21-5a7c0e4d1f03', bundleName: 'Final notice' },
      ],
      limit: 1000,
      page: 1,
      numberOfPages: 1,
    });
    for (const entry of response.body.communicationMessageURLs) {
      expect(Object.keys(entry)).toEqual(['communicationType', 'messageURL', 'dateTime', 'bundleId', 'bundleName']);
      expect(entry.bundleId).toMatch(UUID);
      expect(Number.isInteger(entry.dateTime)).toBe(true);
    }
  });

  it('#29 filters by communicationType and startDate, and pages', async () => {
    const sms = await get('get_communication_message_urls', { claimReference: 'CLAIM_REFERENCE_002', communicationType: 'SMS' });
    expect(sms.body.communicationMessageURLs.map((entry: any) => entry.messageURL)).toEqual([`/Operations/SMS/Message/${ids[1]}.eml`]);
    const all = await get('get_communication_message_urls', { claimReference: 'CLAIM_REFERENCE_002', communicationType: '' });
    expect(all.body.communicationMessageURLs).toHaveLength(3);
    const fromDay = new Date(sentAt[1]!).toISOString().slice(0, 10);
    const since = await get('get_communication_message_urls', { claimReference: 'CLAIM_REFERENCE_002', startDate: fromDay });
    expect(since.body.communicationMessageURLs.map((entry: any) => entry.communicationType)).toEqual(['SMS', 'letter']);
    const page2 = await get('get_communication_message_urls', { claimReference: 'CLAIM_REFERENCE_002', limit: '2', page: '2' });
    expect(page2.body).toMatchObject({ limit: 2, page: 2, numberOfPages: 2 });
    expect(page2.body.communicationMessageURLs.map((entry: any) => entry.communicationType)).toEqual(['letter']);
    const beyond = await get('get_communication_message_urls', { claimReference: 'CLAIM_REFERENCE_002', limit: '2', page: '3' });
    expect(beyond.body).toEqual({ communicationMessageURLs: [], limit: 2, page: 3, numberOfPages: 2 });
  });

  it('#29 answers an unknown claim, and another tenant\'s, with an empty list', async () => {
    expect((await get('get_communication_message_urls', { claimReference: 'UNKNOWN' })).body)
      .toEqual({ communicationMessageURLs: [], limit: 1000, page: 1, numberOfPages: 0 });
    const other = await startServicing(engine, service);
    expect((await other.get('get_communication_message_urls', { claimReference: 'CLAIM_REFERENCE_002' })).body)
      .toEqual({ communicationMessageURLs: [], limit: 1000, page: 1, numberOfPages: 0 });
  });

  it('#29 refuses bad parameters with the Receeve 400 body', async () => {
    expect(await get('get_communication_message_urls', {})).toMatchObject({ status: 400, body: { error: 'BadRequest', message: 'Missing required request parameters: [claimReference]' } });
    const bad: Record<string, string>[] = [{ communicationType: 'fax' }, { startDate: '2026-13-01' }, { limit: '0' }, { page: 'x' }, { limit: '1001' }];
    for (const query of bad) {
      const response = await get('get_communication_message_urls', { claimReference: 'CLAIM_REFERENCE_002', ...query });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: 'BadRequest', message: expect.stringContaining(`Invalid request parameters: ${Object.keys(query)[0]}:`) });
    }
  });

  it('#28 returns the raw .eml as text/plain: the SMS as the seed\'s example, the e-mail as sent, the letter with its PDF', async () => {
    const sms = await get('get_message', { messageURL: `/Operations/SMS/Message/${ids[1]}.eml` });
    expect(sms.status).toBe(200);
    expect(sms.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const [head, body] = sms.text.split('\r\n\r\n');
    expect(head!.split('\r\n').map((line) => line.split(':')[0]).sort()).toEqual(['Content-Transfer-Encoding', 'Content-Type', 'Date', 'MIME-Version', 'Message-ID']);
    expect(head).toContain('Content-Type: text/plain; charset=utf-8');
    expect(head).toContain('Content-Transfer-Encoding: quoted-printable');
    expect(head).toContain(`Date: ${new Date(sentAt[1]!).toUTCString().replace('GMT', '+0000')}`);
    expect(body).toContain('=E2=82=AC');
    const rows = await messagesOf(service, client.tenant, 'CLAIM_REFERENCE_002');
    expect(sms.text).toBe(rows[1]!.eml);
    const email = await until(async () => {
      const response = await get('get_message', { messageURL: `/Operations/email/Message/${ids[0]}.eml` });
      return smtp.received.length > 0 ? response : undefined;
    });
    expect(email.status).toBe(200);
    expect(email.text.replace(/\r\n/g, '\n').trimEnd()).toBe(smtp.received[0]!.raw.replace(/\r\n/g, '\n').trimEnd());
    expect(textPart(email.text)).toContain('CLAIM_REFERENCE_002');
    const letter = await get('get_message', { messageURL: `/Operations/letter/Message/${ids[2]}.eml` });
    expect(letter.text).toContain('Content-Type: application/pdf');
    const encoded = await call(service.url, 'GET', `/v1/${client.tenant.tenant.clientId}/get_message?messageURL=${encodeURIComponent(`/Operations/letter/Message/${ids[2]}.eml`)}`, { headers: { ...headers, Accept: 'text/plain' } });
    expect(encoded.text).toBe(letter.text);
  });

  it('#28 answers an unknown message, another tenant\'s, or a URL of the wrong type with the Receeve 404', async () => {
    const unknown = `/Operations/email/Message/3b97bd7a-1c07-44d4-b33f-2250f6419e95.eml`;
    expect(await get('get_message', { messageURL: unknown })).toMatchObject({ status: 404, body: { error: 'NotFound', message: `Message ${unknown} not found` } });
    expect((await get('get_message', { messageURL: `/Operations/email/Message/${ids[1]}.eml` })).status).toBe(404);
    expect((await get('get_message', { messageURL: 'nonsense' })).body).toEqual({ error: 'NotFound', message: 'Message nonsense not found' });
    const other = await startServicing(engine, service);
    const theirs = await other.get('get_message', { messageURL: `/Operations/SMS/Message/${ids[1]}.eml` });
    expect(theirs).toMatchObject({ status: 404, body: { error: 'NotFound', message: `Message /Operations/SMS/Message/${ids[1]}.eml not found` } });
    expect(await get('get_message', {})).toMatchObject({ status: 400, body: { error: 'BadRequest', message: 'Missing required request parameters: [messageURL]' } });
  });

  it('#28/#29 need the Receeve bearer token of the path\'s client', async () => {
    const path = `/v1/${client.tenant.tenant.clientId}/get_communication_message_urls?claimReference=CLAIM_REFERENCE_002`;
    expect(await call(service.url, 'GET', path, {})).toMatchObject({ status: 400, body: { error: 'BadRequest', message: 'Missing required request parameters: [Authorization]' } });
    expect((await call(service.url, 'GET', path, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const other = await service.createTenant({ name: 'Other' });
    const otherHeaders = await servicingHeaders(service, other);
    expect((await call(service.url, 'GET', path, { headers: otherHeaders })).status).toBe(403);
  });

  it('#29 lists an e-mail refused with a 5xx and then the fallback SMS that replaced it', async () => {
    const sent = await send(service, client.tenant, { claimReference: 'BOUNCING', runId: 'r2', stepId: 's', channel: 'email', fallbacks: ['sms'], templateId: 'reminder-friendly' });
    if (!sent.ok) throw new Error('not sent');
    const listed = await until(async () => {
      const response = await get('get_communication_message_urls', { claimReference: 'BOUNCING' });
      return response.body.communicationMessageURLs.length === 2 ? response.body.communicationMessageURLs : undefined;
    });
    expect(listed.map((entry: any) => entry.communicationType)).toEqual(['email', 'SMS']);
    expect(smtp.received.some((mail) => mail.to.includes('bounce@example.de'))).toBe(false);
  });
});
