import { afterAll, beforeAll, expect, it } from 'vitest';
import { shippedDefaultStrategy } from '../../src/collections/use-cases/runs/strategy-source.js';
import { describeEachEngine } from '../support/engines.js';
import { call } from '../support/http.js';
import { DEBTOR, startRunsClient, type RunsClient } from './runs-engine-support.js';

/*
 * The reminders a run sends carry the debtor's landing page (#26): the link in a stored .eml opens the page of that
 * claim (second factor first), every reminder of the claim carries the same link while it has two weeks or more to
 * live, and a reminder sent later gets a fresh one while the earlier link keeps working.
 */

const CLAIM = 'INV-LINKED';

/** A stored .eml's quoted-printable text decoded (soft line breaks undone, =XX bytes read as UTF-8). */
function decoded(eml: string): string {
  const bytes = eml.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** The landing URLs in a stored .eml. */
function landingUrls(eml: string): string[] {
  return decoded(eml).match(/https?:\/\/[^\s"<>]+\/c\/[A-Za-z0-9_-]{32}/g) ?? [];
}

describeEachEngine('landing-page links in the reminders a run sends', (engine) => {
  let client: RunsClient;
  const page = (path: string, headers: Record<string, string> = {}) => call(client.service.url, 'GET', path, { headers });
  /** The .eml of the claim's message of this type (e-mail, SMS or letter). */
  const stored = async (communicationType: string) => {
    const listed = await client.get('get_communication_message_urls', { claimReference: CLAIM });
    expect(listed.status).toBe(200);
    const message = (listed.body.communicationMessageURLs as { communicationType: string; messageURL: string }[])
      .find((one) => one.communicationType === communicationType);
    expect(message).toBeDefined();
    const eml = await client.get('get_message', { messageURL: message!.messageURL });
    expect(eml.status).toBe(200);
    return eml.text;
  };
  const onlyUrl = (eml: string) => {
    const urls = [...new Set(landingUrls(eml))];
    expect(urls).toHaveLength(1);
    return urls[0]!;
  };

  beforeAll(async () => {
    client = await startRunsClient(engine, shippedDefaultStrategy());
    await client.createAccount('ACC-LINKED', [{ ref: CLAIM, amount: 150_000, dueDate: '2026-11-23' }]);
    await client.runStarted(CLAIM);
  }, 180_000);
  afterAll(async () => client?.stop());

  it('the reminder e-mail links the page of its claim, under PUBLIC_BASE_URL, asking the second factor first', async () => {
    await client.walkTo('2026-11-27T10:00:00.000Z');
    const eml = await stored('email');
    const url = onlyUrl(eml);
    expect(url.startsWith(`${client.service.platform.config.publicBaseUrl}/c/`)).toBe(true);
    expect(decoded(eml)).toContain(`Online können Sie die Rechnung ansehen und bezahlen, eine Ratenzahlung vereinbaren oder uns ein Problem melden:\n${url}\n`);
    expect(decoded(eml)).toContain(`<a href="${url}">${url}</a>`);

    const path = new URL(url).pathname;
    const opened = await page(path);
    expect(opened.status).toBe(200);
    expect(opened.text).toContain('name="answer"');
    expect(opened.text).not.toContain(CLAIM);
    const verified = await fetch(`${client.service.url}${path}/verify`, {
      method: 'POST', redirect: 'manual', body: new URLSearchParams({ answer: DEBTOR.contactInformation.postalCode, lang: 'en' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(verified.status).toBe(303);
    const session = (verified.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const shown = await page(path, { cookie: session });
    expect(shown.status).toBe(200);
    expect(shown.text).toContain(CLAIM);
  }, 180_000);

  it('the SMS a week later carries the same still-valid link; the letter after the two-week mark a fresh one, the old link still open', async () => {
    await client.walkTo('2026-12-04T10:00:00.000Z');
    const emailUrl = onlyUrl(await stored('email'));
    const sms = await stored('SMS');
    expect(onlyUrl(sms)).toBe(emailUrl);

    await client.walkTo('2026-12-15T10:00:00.000Z');
    const letter = await stored('letter');
    const letterUrl = onlyUrl(letter);
    expect(letterUrl).not.toBe(emailUrl);
    expect((await page(new URL(letterUrl).pathname)).status).toBe(200);
    expect((await page(new URL(emailUrl).pathname)).status).toBe(200);
    expect((await client.sends(CLAIM)).map((send) => send.template)).toEqual(['reminder-friendly', 'reminder-second', 'final-notice']);
  }, 240_000);
});
